/* gf-cli-map.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * render-map: the district map as a PNG, SVG or PDF file, with its legend and scale bar.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-cli-private.h"
#include "gf-output.h"
#include "gf-map-render.h"

/* "minlon,minlat,maxlon,maxlat" in degrees. */
static gboolean
parse_bbox (const char *text,
            GfMapRect  *rect)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double v[4];

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v[i]))
        return FALSE;
    }
  if (v[0] < -180 || v[2] > 180 || v[1] < -GF_MAP_MAX_LATITUDE || v[3] > GF_MAP_MAX_LATITUDE
      || v[0] >= v[2] || v[1] >= v[3])
    return FALSE;

  /* North is the smaller world y. */
  gf_map_project (v[0], v[3], &rect->x0, &rect->y0);
  gf_map_project (v[2], v[1], &rect->x1, &rect->y1);
  return TRUE;
}

/* "quantile", "equal" or "thresholds[:T1,T2,…]" (without values: the indicator's benchmark). */
static gboolean
parse_classes (const char           *text,
               GfMapClassifyMethod  *method,
               double               *thresholds,
               guint                *n_thresholds)
{
  *n_thresholds = 0;
  if (text == NULL || g_str_equal (text, "quantile"))
    *method = GF_MAP_CLASSIFY_QUANTILE;
  else if (g_str_equal (text, "equal"))
    *method = GF_MAP_CLASSIFY_EQUAL_INTERVAL;
  else if (g_str_equal (text, "thresholds"))
    *method = GF_MAP_CLASSIFY_THRESHOLDS;
  else if (g_str_has_prefix (text, "thresholds:"))
    {
      g_auto(GStrv) parts = g_strsplit (text + strlen ("thresholds:"), ",", -1);

      *method = GF_MAP_CLASSIFY_THRESHOLDS;
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (g_strstrip (parts[i]), &end);

          if (end == parts[i] || *end != '\0' || !isfinite (v)
              || *n_thresholds >= GF_MAP_MAX_CLASSES - 1)
            goto bad;
          thresholds[(*n_thresholds)++] = v;
        }
    }
  else
    goto bad;

  return TRUE;

bad:
  g_printerr (_("gongfu-atlas-cli: --classes takes quantile, equal or thresholds:N,N,… "
                "(at most %d values), not “%s”\n"), GF_MAP_MAX_CLASSES - 1, text);
  return FALSE;
}

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

static void
draw_map_page (GfMapData         *data,
               GfMapStyle        *style,
               const GfMapExtent *view,
               guint              layers,
               cairo_t           *cr)
{
  double legend_w, legend_h;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gf_map_render (data, style, view, layers, cr);

  gf_map_measure_legend (data, style, layers, cr, &legend_w, &legend_h);
  gf_map_render_legend (data, style, layers, cr, view->width - legend_w - 16, 16);
  gf_map_render_scale_bar (view, cr, 22, view->height - 18, MIN (200, view->width / 4));
}

/* What render-map writes: the page of @view as a @format file of @width × @height (a PNG
 * @scale times as many pixels), named @output in messages. */
typedef struct
{
  GfMapData         *data;
  GfMapStyle        *style;
  const GfMapExtent *view;
  guint              layers;
  GfChartFormat      format;
  gint64             width, height, scale;
  const char        *output;
} MapOutput;

static gboolean
write_map (const char  *path,
           gpointer     user_data,
           GError     **error)
{
  const MapOutput *map = user_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  switch (map->format)
    {
    case GF_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create (path, map->width, map->height);
      break;
    case GF_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create (path, map->width, map->height);
      break;
    case GF_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, map->width * map->scale,
                                            map->height * map->scale);
      cairo_surface_set_device_scale (surface, map->scale, map->scale);
      break;
    }

  cr = cairo_create (surface);
  draw_map_page (map->data, map->style, map->view, map->layers, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && map->format == GF_CHART_FORMAT_PNG)
    {
      FILE *file = g_fopen (path, "wb");

      status = file == NULL ? CAIRO_STATUS_WRITE_ERROR
                            : cairo_surface_write_to_png_stream (surface, write_png_cb, file);
      if (file != NULL && fclose (file) != 0 && status == CAIRO_STATUS_SUCCESS)
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   map->output, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/* render-map DB --output FILE.(png|svg|pdf) [--width W] [--height H] [--scale 1-4] [--fit …]
 *   [--color-by …] [--classes …] [--layers …] */
int
gf_cli_run_render_map (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMapData) data = NULL;
  g_autoptr(GfMapStyle) style = NULL;
  g_autofree char *output = NULL, *width_text = NULL, *height_text = NULL;
  g_autofree char *fit = NULL, *color_by = NULL, *layers_text = NULL, *classes_text = NULL;
  g_autofree char *scale_text = NULL, *code = NULL;
  gint64 width = 1600, height = 1200, scale = 1;
  guint layers = GF_MAP_LAYER_ALL;
  double thresholds[GF_MAP_MAX_CLASSES];
  guint n_thresholds = 0;
  GfMapClassifyMethod method;
  GfMapRect rect;
  GfMapExtent view;
  cairo_surface_t *surface;
  cairo_t *cr;
  GfChartFormat format;
  int year = 0;
  double legend_w = 0, legend_h = 0;

  if (!gf_cli_take_option (args, "--output", &output)
      || !gf_cli_take_option (args, "--width", &width_text)
      || !gf_cli_take_option (args, "--height", &height_text)
      || !gf_cli_take_option (args, "--fit", &fit)
      || !gf_cli_take_option (args, "--color-by", &color_by)
      || !gf_cli_take_option (args, "--layers", &layers_text)
      || !gf_cli_take_option (args, "--classes", &classes_text)
      || !gf_cli_take_option (args, "--scale", &scale_text)
      || args->len != 1 || output == NULL)
    return gf_cli_usage ();

  if (!gf_cli_parse_output (output, &format)
      || !gf_cli_parse_number (width_text, "--width", 64, 20000, &width)
      || !gf_cli_parse_number (height_text, "--height", 64, 20000, &height)
      || !gf_cli_parse_number (scale_text, "--scale", 1, 4, &scale)
      || !gf_cli_parse_layers (layers_text, &layers)
      || !parse_classes (classes_text, &method, thresholds, &n_thresholds))
    return GF_CLI_EXIT_USAGE;
  if (fit != NULL && !g_str_equal (fit, "district") && !g_str_has_prefix (fit, "cluster:")
      && !parse_bbox (fit, &rect))
    return gf_cli_fail (GF_CLI_EXIT_USAGE,
                        _("gongfu-atlas-cli: --fit takes district, cluster:NAME or "
                          "minlon,minlat,maxlon,maxlat (degrees, min < max), not “%s”\n"), fit);

  db = gf_cli_open_database (g_ptr_array_index (args, 0), GF_CLI_OPEN_READ);
  if (db == NULL)
    return GF_CLI_EXIT_FAILURE;
  data = gf_map_data_load (db, 0, &error);
  if (data == NULL)
    return gf_cli_fail_error (error);

  /* --color-by is checked only once the database is open, as it always was, so a missing
   * database is what a script hears about first. */
  if (!gf_cli_parse_color_by (color_by, &code, &year))
    return GF_CLI_EXIT_USAGE;
  if (code == NULL)
    style = gf_map_style_new_by_cluster (data);
  else
    {
      g_autoptr(GfAggregator) aggregator = NULL;

      aggregator = gf_aggregator_new (db, gf_map_data_get_layout_id (data), &error);
      if (aggregator == NULL)
        return gf_cli_fail_error (error);
      style = gf_map_style_new_for_indicator (data, aggregator, code, year, method, 0,
                                              n_thresholds > 0 ? thresholds : NULL,
                                              n_thresholds, &error);
      if (style == NULL)
        return gf_cli_fail_error (error);
      if (isnan (gf_map_style_get_classification (style)->min))
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            _("gongfu-atlas-cli: no village has a value of “%s” in %d\n"),
                            code, year);
    }

  if (fit == NULL || g_str_equal (fit, "district"))
    {
      const GfMapArea *district = gf_map_data_get_district (data);

      rect = district != NULL && district->n_rings > 0 ? district->bounds
                                                       : gf_map_data_get_bounds (data);
    }
  else if (g_str_has_prefix (fit, "cluster:"))
    {
      int c = gf_map_data_find_cluster_by_name (data, fit + strlen ("cluster:"));

      if (c < 0 || gf_map_data_get_cluster (data, c)->n_members == 0)
        return gf_cli_fail (GF_CLI_EXIT_FAILURE,
                            c < 0 ? _("gongfu-atlas-cli: there is no cluster “%s”\n")
                                  : _("gongfu-atlas-cli: the cluster “%s” has no villages on "
                                      "the map\n"), fit + strlen ("cluster:"));
      rect = gf_map_data_get_cluster (data, c)->bounds;
    }

  /* Measure the legend on a scratch surface, then fit the extent beside it when the page is
   * wide enough, so that the legend does not cover the district. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  gf_map_measure_legend (data, style, layers, cr, &legend_w, &legend_h);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (width > 2.5 * (legend_w + 32))
    {
      gf_map_extent_init_fit (&view, &rect, width - legend_w - 32, height, 28);
      view.width = width;
      view.center_x += (legend_w + 32) / 2 / gf_map_world_size (view.zoom);
    }
  else
    gf_map_extent_init_fit (&view, &rect, width, height, 28);

  if (!gf_output_write (output, G_IO_ERROR, G_IO_ERROR_FAILED, write_map,
                        &(MapOutput) { .data = data, .style = style, .view = &view,
                                       .layers = layers, .format = format, .width = width,
                                       .height = height, .scale = scale, .output = output },
                        &error))
    return gf_cli_fail_error (error);

  return 0;
}
