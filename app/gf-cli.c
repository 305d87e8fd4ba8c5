/* gf-cli.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gongfu-atlas-cli: the core from a shell, for staff scripts and for tests from outside.
 * Errors go to stderr with exit status 1 (2 for a wrong command line); every write is one
 * transaction, so a failed command leaves the database as it was.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gf-briefing.h"
#include "gf-chart-render.h"
#include "gf-chart-spec.h"
#include "gf-check.h"
#include "gf-export.h"
#include "gf-import.h"
#include "gf-layout.h"
#include "gf-map-render.h"
#include "gf-number-format.h"
#include "gf-sample.h"
#include "gf-summary.h"

static int
usage (void)
{
  g_printerr ("%s\n",
              _("Usage:\n"
                "  gongfu-atlas-cli init [--sample] DB\n"
                "  gongfu-atlas-cli import DB KIND FILE [--gcj02]\n"
                "  gongfu-atlas-cli export DB KIND FILE\n"
                "  gongfu-atlas-cli check DB\n"
                "  gongfu-atlas-cli summary DB [--year YEAR] [--json]\n"
                "  gongfu-atlas-cli render-map DB --output FILE.(png|svg|pdf) [--width W]\n"
                "      [--height H] [--scale 1-4]\n"
                "      [--fit district|cluster:NAME|MINLON,MINLAT,MAXLON,MAXLAT]\n"
                "      [--color-by cluster|INDICATOR:YEAR]\n"
                "      [--classes quantile|equal|thresholds[:N,N,…]]\n"
                "      [--layers towns,clusters,villages,sites,routes,labels]\n"
                "  gongfu-atlas-cli render-chart DB --kind KIND --indicator CODE[,CODE…]\n"
                "      [--clusters NAME,NAME | --villages NAME,NAME] [--years FIRST-LAST]\n"
                "      --output FILE.(png|svg|pdf) [--width W] [--height H] [--dpi D]\n"
                "  gongfu-atlas-cli briefing DB NAME --output FILE.pdf\n"
                "  gongfu-atlas-cli briefing-list DB\n"
                "  gongfu-atlas-cli briefing-add DB NAME [--title TEXT] [--source TEXT]\n"
                "      [--position N] (--chart KIND --indicator CODE[,CODE…]\n"
                "      [--clusters NAME,NAME | --villages NAME,NAME] [--years FIRST-LAST]\n"
                "      | --map [--fit district|cluster:NAME] [--color-by cluster|INDICATOR:YEAR]\n"
                "      [--classify quantile|equal|thresholds] [--classes N] [--layers …])\n"
                "\n"
                "A chart KIND is one of: line, bar, stacked, growth, donut, ranked, sparkline,\n"
                "multiples. Several indicators (of one unit) make a bar or stacked chart of the\n"
                "last year. A village that shares its name is written with its town:\n"
                "新村（河桥镇）. --width and --height are pixels at 96 dpi (default 1280 × 720):\n"
                "a PNG is W × D / 96 pixels wide; an SVG or PDF page is W × 0.75 points.\n"
                "\n"
                "KIND is one of: district, towns, villages, clusters, cluster_members, alliances,\n"
                "organizations, organization_owners, alliance_members, sites, observations,\n"
                "tasks, activities, finance, talents, score_rules (CSV); boundaries, routes\n"
                "(GeoJSON)."));
  g_printerr ("%s\n",
              _("Planning of cluster layouts:\n"
                "  gongfu-atlas-cli layout list|copy|assign|rename|current|delete|compare|check …\n"
                "      (gongfu-atlas-cli layout --help explains each)"));
  return 2;
}

static int
fail (const GError *error)
{
  g_printerr ("gongfu-atlas-cli: %s\n", error->message);
  return 1;
}

static gboolean
take_flag (GPtrArray  *args,
           const char *flag)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), flag))
      {
        g_ptr_array_remove_index (args, i);
        return TRUE;
      }

  return FALSE;
}

static gboolean
take_option (GPtrArray   *args,
             const char  *option,
             char       **value)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), option))
      {
        if (i + 1 >= args->len)
          return FALSE;
        *value = g_strdup (g_ptr_array_index (args, i + 1));
        g_ptr_array_remove_range (args, i, 2);
        return TRUE;
      }

  return TRUE;
}

static gboolean
parse_kind (const char    *text,
            GfImportKind  *kind)
{
  if (gf_import_kind_from_string (text, kind))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: unknown kind “%s”\n"), text);
  return FALSE;
}

static int
run_init (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sample = take_flag (args, "--sample");
  const char *path;
  gboolean existed;

  if (args->len != 1)
    return usage ();
  path = g_ptr_array_index (args, 0);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  if (db == NULL)
    return fail (error);
  if (gf_database_is_read_only (db))
    {
      g_printerr (_("gongfu-atlas-cli: “%s” can only be read\n"), path);
      return 1;
    }

  if (sample && !gf_sample_load (db, NULL, NULL, NULL, &error))
    {
      /* A file this command created is removed again rather than left half-made. */
      g_clear_object (&db);
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return fail (error);
    }

  return 0;
}

static GfDatabase *
open_existing (const char  *path,
               gboolean     write,
               GError     **error)
{
  g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_EXISTING, error);

  if (db == NULL)
    return NULL;

  if (write && gf_database_is_read_only (db))
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY,
                   gf_database_get_read_only_reason (db) == GF_READ_ONLY_LOCKED
                   ? _("“%s” is locked by another program; try again when it is closed")
                   : _("“%s” can only be read"), path);
      return NULL;
    }

  return g_steal_pointer (&db);
}

static int
run_import (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean gcj02 = take_flag (args, "--gcj02");
  GfImportKind kind;
  guint n = 0;

  if (args->len != 3)
    return usage ();
  if (!parse_kind (g_ptr_array_index (args, 1), &kind))
    return 2;

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_import_file (db, kind, file, gcj02 ? GF_IMPORT_FLAGS_GCJ02 : GF_IMPORT_FLAGS_NONE,
                       &n, NULL, NULL, NULL, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record.\n", "Imported %u records.\n", n), n);
  return 0;
}

static int
run_export (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GfImportKind kind;

  if (args->len != 3)
    return usage ();
  if (!parse_kind (g_ptr_array_index (args, 1), &kind))
    return 2;

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_export_file (db, kind, file, NULL, &error))
    return fail (error);

  return 0;
}

static int
run_check (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean has_errors = FALSE;

  if (args->len != 1)
    return usage ();

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  findings = gf_check_database (db, NULL, &error);
  if (findings == NULL)
    return fail (error);

  for (guint i = 0; i < findings->len; i++)
    {
      GfCheckFinding *finding = g_ptr_array_index (findings, i);

      g_print ("%s: %s\n", gf_check_severity_label (finding->severity), finding->message);
      has_errors |= finding->severity == GF_CHECK_ERROR;
    }

  if (findings->len == 0)
    g_print ("%s\n", _("No problems found."));

  /* Exit status 1 when the data has errors, so scripts can stop on a broken file. */
  return has_errors ? 1 : 0;
}

static int
run_summary (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;
  g_autofree char *year_text = NULL;
  gboolean json = take_flag (args, "--json");
  int year = 0;

  if (!take_option (args, "--year", &year_text) || args->len != 1)
    return usage ();

  if (year_text != NULL)
    {
      gint64 parsed;

      if (!g_ascii_string_to_signed (year_text, 10, 1949, 2100, &parsed, NULL))
        {
          g_printerr (_("gongfu-atlas-cli: “%s” is not a year\n"), year_text);
          return 2;
        }
      year = (int) parsed;
    }

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  summary = gf_summary_compute (db, year, &error);
  if (summary == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = gf_summary_to_json (summary);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = gf_summary_to_text (summary);
      g_print ("%s", text);
    }

  return 0;
}

/* render-map */

static gboolean
parse_layers (const char *text,
              guint      *layers)
{
  static const struct { const char *name; guint flag; } names[] = {
    { "towns", GF_MAP_LAYER_TOWNS }, { "clusters", GF_MAP_LAYER_CLUSTERS },
    { "villages", GF_MAP_LAYER_VILLAGES }, { "sites", GF_MAP_LAYER_SITES },
    { "routes", GF_MAP_LAYER_ROUTES }, { "labels", GF_MAP_LAYER_LABELS },
  };
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *layers = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (g_str_equal (g_strstrip (parts[i]), names[j].name))
          {
            *layers |= names[j].flag;
            known = TRUE;
          }
      if (!known)
        {
          g_printerr (_("gongfu-atlas-cli: unknown layer “%s”\n"), parts[i]);
          return FALSE;
        }
    }

  return TRUE;
}

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

static gboolean
parse_dimension (const char *text,
                 const char *what,
                 gint64      min,
                 gint64      max,
                 gint64     *value)
{
  if (text == NULL)
    return TRUE;
  if (g_ascii_string_to_signed (text, 10, min, max, value, NULL))
    return TRUE;

  /* Translators: the first %s is an option (--width), the second its bad value. */
  g_printerr (_("gongfu-atlas-cli: %s must be a whole number from %d to %d, not “%s”\n"),
              what, (int) min, (int) max, text);
  return FALSE;
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

static int
run_render_map (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMapData) data = NULL;
  g_autoptr(GfMapStyle) style = NULL;
  g_autofree char *output = NULL, *width_text = NULL, *height_text = NULL;
  g_autofree char *fit = NULL, *color_by = NULL, *layers_text = NULL, *classes_text = NULL;
  g_autofree char *scale_text = NULL, *tmp_path = NULL, *lower = NULL;
  gint64 width = 1600, height = 1200, scale = 1;
  guint layers = GF_MAP_LAYER_ALL;
  double thresholds[GF_MAP_MAX_CLASSES];
  guint n_thresholds = 0;
  GfMapClassifyMethod method;
  GfMapRect rect;
  GfMapExtent view;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  enum { PNG, SVG, PDF } format;
  double legend_w = 0, legend_h = 0;

  if (!take_option (args, "--output", &output) || !take_option (args, "--width", &width_text)
      || !take_option (args, "--height", &height_text) || !take_option (args, "--fit", &fit)
      || !take_option (args, "--color-by", &color_by)
      || !take_option (args, "--layers", &layers_text)
      || !take_option (args, "--classes", &classes_text)
      || !take_option (args, "--scale", &scale_text)
      || args->len != 1 || output == NULL)
    return usage ();

  lower = g_ascii_strdown (output, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_printerr (_("gongfu-atlas-cli: the output must end in .png, .svg or .pdf\n"));
      return 2;
    }
  if (!parse_dimension (width_text, "--width", 64, 20000, &width)
      || !parse_dimension (height_text, "--height", 64, 20000, &height)
      || !parse_dimension (scale_text, "--scale", 1, 4, &scale)
      || (layers_text != NULL && !parse_layers (layers_text, &layers))
      || !parse_classes (classes_text, &method, thresholds, &n_thresholds))
    return 2;
  if (fit != NULL && !g_str_equal (fit, "district") && !g_str_has_prefix (fit, "cluster:")
      && !parse_bbox (fit, &rect))
    {
      g_printerr (_("gongfu-atlas-cli: --fit takes district, cluster:NAME or "
                    "minlon,minlat,maxlon,maxlat (degrees, min < max), not “%s”\n"), fit);
      return 2;
    }

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);
  data = gf_map_data_load (db, 0, &error);
  if (data == NULL)
    return fail (error);

  if (color_by == NULL || g_str_equal (color_by, "cluster"))
    style = gf_map_style_new_by_cluster (data);
  else
    {
      const char *colon = strrchr (color_by, ':');
      g_autofree char *code = NULL;
      g_autoptr(GfAggregator) aggregator = NULL;
      gint64 year;

      if (colon == NULL || !g_ascii_string_to_signed (colon + 1, 10, 1949, 2100, &year, NULL))
        {
          g_printerr (_("gongfu-atlas-cli: --color-by takes cluster or INDICATOR:YEAR "
                        "(a year from 1949 to 2100), not “%s”\n"), color_by);
          return 2;
        }
      code = g_strndup (color_by, colon - color_by);
      aggregator = gf_aggregator_new (db, gf_map_data_get_layout_id (data), &error);
      if (aggregator == NULL)
        return fail (error);
      style = gf_map_style_new_for_indicator (data, aggregator, code, (int) year, method, 0,
                                              n_thresholds > 0 ? thresholds : NULL,
                                              n_thresholds, &error);
      if (style == NULL)
        return fail (error);
      if (isnan (gf_map_style_get_classification (style)->min))
        {
          g_printerr (_("gongfu-atlas-cli: no village has a value of “%s” in %d\n"),
                      code, (int) year);
          return 1;
        }
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
        {
          g_printerr (c < 0 ? _("gongfu-atlas-cli: there is no cluster “%s”\n")
                            : _("gongfu-atlas-cli: the cluster “%s” has no villages on the "
                                "map\n"), fit + strlen ("cluster:"));
          return 1;
        }
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

  /* Everything is written to a temporary file first: a failure leaves nothing behind. */
  tmp_path = g_strconcat (output, ".part", NULL);
  switch (format)
    {
    case SVG:
      surface = cairo_svg_surface_create (tmp_path, width, height);
      break;
    case PDF:
      surface = cairo_pdf_surface_create (tmp_path, width, height);
      break;
    case PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    }

  cr = cairo_create (surface);
  draw_map_page (data, style, &view, layers, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == PNG)
    {
      FILE *file = g_fopen (tmp_path, "wb");

      status = file == NULL ? CAIRO_STATUS_WRITE_ERROR
                            : cairo_surface_write_to_png_stream (surface, write_png_cb, file);
      if (file != NULL && fclose (file) != 0 && status == CAIRO_STATUS_SUCCESS)
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp_path, output) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_printerr (_("gongfu-atlas-cli: cannot write “%s”: %s\n"), output,
                  status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                 : g_strerror (saved));
      return 1;
    }

  return 0;
}

/* render-chart, briefing, briefing-add, briefing-list */

/* "2016-2025", "2016–2025" or "2016". */
static gboolean
parse_years (const char *text,
             int        *first_year,
             int        *last_year)
{
  g_autofree char *copy = g_strdup (text);
  char *dash = strstr (copy, "–");
  const char *second;
  gint64 a, b;

  if (dash != NULL)
    {
      *dash = '\0';
      second = dash + strlen ("–");
    }
  else if ((dash = strchr (copy, '-')) != NULL)
    {
      *dash = '\0';
      second = dash + 1;
    }
  else
    second = copy;

  if (!g_ascii_string_to_signed (g_strstrip (copy), 10, 1949, 2100, &a, NULL)
      || !g_ascii_string_to_signed (second, 10, 1949, 2100, &b, NULL) || a > b)
    {
      g_printerr (_("gongfu-atlas-cli: --years takes a year or a range such as 2016-2025 "
                    "(from 1949 to 2100, the first not after the last), not “%s”\n"), text);
      return FALSE;
    }

  *first_year = (int) a;
  *last_year = (int) b;
  return TRUE;
}

static gboolean
parse_chart_kind (const char  *text,
                  GfChartKind *kind)
{
  if (text != NULL && gf_chart_kind_from_name (text, kind))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: --kind takes line, bar, stacked, growth, donut, ranked, "
                "sparkline or multiples, not “%s”\n"), text != NULL ? text : "");
  return FALSE;
}

/* A temporary file beside @path, so that the rename that completes a write stays on one file
 * system. */
static char *
make_temp_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  /* 0666 less the umask, as for the files of render-map. */
  int fd = g_mkstemp_full (tmp, O_RDWR, 0666);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&tmp);
}

/* The indicators and subjects of a chart from the command line: "--indicator A,B" and
 * "--clusters NAME,…" or "--villages NAME,…". @codes and @ids keep the memory that @request
 * borrows. Returns 0, or the exit status after a message. */
static int
parse_chart_request (GfDatabase      *db,
                     const char      *indicator_text,
                     const char      *clusters_text,
                     const char      *villages_text,
                     GfChartRequest  *request,
                     GStrv           *codes,
                     GArray         **ids)
{
  g_autoptr(GError) error = NULL;

  *codes = g_strsplit (indicator_text, ",", -1);
  for (guint i = 0; (*codes)[i] != NULL; i++)
    if (*g_strstrip ((*codes)[i]) == '\0')
      {
        g_printerr (_("gongfu-atlas-cli: --indicator takes one code or several separated by "
                      "commas, not “%s”\n"), indicator_text);
        return 1;
      }
  request->indicators = (const char * const *) *codes;
  request->n_indicators = g_strv_length (*codes);

  if (clusters_text != NULL && villages_text != NULL)
    {
      g_printerr (_("gongfu-atlas-cli: a chart compares clusters or villages: give --clusters "
                    "or --villages, not both\n"));
      return 1;
    }

  if (clusters_text != NULL || villages_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (clusters_text != NULL ? clusters_text : villages_text,
                                        ",", -1);

      *ids = clusters_text != NULL
             ? gf_chart_clusters_from_names (db, (const char * const *) names, &error)
             : gf_chart_villages_from_names (db, (const char * const *) names, &error);
      if (*ids == NULL)
        return fail (error);
      request->subject = clusters_text != NULL ? GF_CHART_SUBJECT_CLUSTERS
                                               : GF_CHART_SUBJECT_VILLAGES;
      request->subject_ids = (const gint64 *) (void *) (*ids)->data;
      request->n_subjects = (*ids)->len;
    }

  return 0;
}

static int
run_render_chart (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfChartSpec) spec = NULL;
  g_autoptr(GArray) subject_ids = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *kind_text = NULL, *indicator = NULL, *clusters_text = NULL;
  g_autofree char *villages_text = NULL;
  g_autofree char *years_text = NULL, *output = NULL, *width_text = NULL;
  g_autofree char *height_text = NULL, *dpi_text = NULL, *lower = NULL, *tmp_path = NULL;
  g_autofree char *source = NULL, *source_line = NULL;
  GfDistrictRecord district = { 0 };
  GfChartRequest request = { 0 };
  gint64 width = 1280, height = 720, dpi = 96;
  enum { PNG, SVG, PDF } format;
  gboolean ok;
  int status;

  if (!take_option (args, "--kind", &kind_text) || !take_option (args, "--indicator", &indicator)
      || !take_option (args, "--clusters", &clusters_text)
      || !take_option (args, "--villages", &villages_text)
      || !take_option (args, "--years", &years_text)
      || !take_option (args, "--output", &output)
      || !take_option (args, "--width", &width_text)
      || !take_option (args, "--height", &height_text)
      || !take_option (args, "--dpi", &dpi_text)
      || args->len != 1 || output == NULL || kind_text == NULL || indicator == NULL)
    return usage ();

  lower = g_ascii_strdown (output, -1);
  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_printerr (_("gongfu-atlas-cli: the output must end in .png, .svg or .pdf\n"));
      return 2;
    }
  if (!parse_chart_kind (kind_text, &request.kind)
      || !parse_dimension (width_text, "--width", 160, 20000, &width)
      || !parse_dimension (height_text, "--height", 90, 20000, &height)
      || !parse_dimension (dpi_text, "--dpi", 24, 1200, &dpi)
      || (years_text != NULL && !parse_years (years_text, &request.first_year,
                                              &request.last_year)))
    return 2;

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  status = parse_chart_request (db, indicator, clusters_text, villages_text, &request, &codes,
                                &subject_ids);
  if (status != 0)
    return status;

  aggregator = gf_aggregator_new (db, 0, &error);
  if (aggregator == NULL)
    return fail (error);
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  if (spec == NULL || !gf_store_get_district (db, &district, &error))
    return fail (error);

  /* --width and --height are CSS pixels (1/96 in): a PNG is width × dpi / 96 pixels wide,
   * an SVG or PDF page width × 0.75 points. */
  spec->width = width * 0.75;
  spec->height = height * 0.75;
  source = gf_briefing_default_source (district.name != NULL ? district.name : "",
                                       district.is_sample);
  /* Translators: the source line under a chart; %s is the data source */
  source_line = g_strdup_printf (_("Source: %s"), source);
  spec->source = g_steal_pointer (&source_line);
  g_free (district.code);
  g_free (district.name);

  /* Everything is written to a temporary file first: a failure leaves nothing behind. */
  tmp_path = make_temp_beside (output, &error);
  if (tmp_path == NULL)
    return fail (error);

  switch (format)
    {
    case SVG:
      ok = gf_chart_export_svg (spec, tmp_path, &error);
      break;
    case PDF:
      ok = gf_chart_export_pdf (spec, tmp_path, NULL, &error);
      break;
    case PNG:
    default:
      ok = gf_chart_export_png (spec, tmp_path, dpi, &error);
      break;
    }

  if (ok && g_rename (tmp_path, output) != 0)
    {
      int saved = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   output, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return fail (error);
    }

  return 0;
}

static int
run_briefing (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autofree char *output = NULL, *lower = NULL;

  if (!take_option (args, "--output", &output) || args->len != 2 || output == NULL)
    return usage ();

  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_printerr (_("gongfu-atlas-cli: a handout is a PDF: the output must end in .pdf\n"));
      return 2;
    }

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  briefing = gf_store_find_briefing (db, g_ptr_array_index (args, 1), &error);
  if (briefing == NULL
      || !gf_briefing_export_pdf (db, briefing, output, NULL, NULL, NULL, &error))
    return fail (error);

  return 0;
}

static int
run_briefing_list (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) briefings = NULL;

  if (args->len != 1)
    return usage ();

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  briefings = gf_store_list_briefings (db, &error);
  if (briefings == NULL)
    return fail (error);

  for (guint i = 0; i < briefings->len; i++)
    {
      GfBriefing *briefing = g_ptr_array_index (briefings, i);
      g_autoptr(GfBriefingRenderer) renderer = gf_briefing_renderer_new (db, briefing, &error);

      if (renderer == NULL)
        return fail (error);

      g_print (g_dngettext (GETTEXT_PACKAGE, "%s (%u slide)\n", "%s (%u slides)\n",
                            briefing->slides->len),
               briefing->name, briefing->slides->len);
      for (guint s = 0; s < briefing->slides->len; s++)
        {
          g_autofree char *description = gf_slide_describe (g_ptr_array_index (briefing->slides,
                                                                                s));

          g_print ("  %u. %s — %s\n", s + 1, gf_briefing_renderer_get_title (renderer, s + 1),
                   description);
        }
    }

  if (briefings->len == 0)
    g_print ("%s\n", _("There are no briefings yet."));

  return 0;
}

static gboolean
parse_color_by (const char  *text,
                char       **indicator,
                int         *year)
{
  const char *colon;
  gint64 parsed;

  if (text == NULL || g_str_equal (text, "cluster"))
    return TRUE;

  colon = strrchr (text, ':');
  if (colon == NULL || colon == text
      || !g_ascii_string_to_signed (colon + 1, 10, 1949, 2100, &parsed, NULL))
    {
      g_printerr (_("gongfu-atlas-cli: --color-by takes cluster or INDICATOR:YEAR "
                    "(a year from 1949 to 2100), not “%s”\n"), text);
      return FALSE;
    }

  *indicator = g_strndup (text, colon - text);
  *year = (int) parsed;
  return TRUE;
}

static int
run_briefing_add (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfSlide) slide = NULL;
  g_autoptr(GArray) cluster_ids = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *chart = NULL, *indicator = NULL, *clusters_text = NULL;
  g_autofree char *villages_text = NULL, *classify_text = NULL, *classes_text = NULL;
  g_autofree char *years_text = NULL, *fit = NULL, *color_by = NULL, *layers_text = NULL;
  g_autofree char *title = NULL, *position_text = NULL, *source = NULL;
  gboolean map = take_flag (args, "--map");
  gint64 position = -1;
  const char *name;
  gint64 briefing_id;

  if (!take_option (args, "--chart", &chart) || !take_option (args, "--indicator", &indicator)
      || !take_option (args, "--clusters", &clusters_text)
      || !take_option (args, "--villages", &villages_text)
      || !take_option (args, "--classify", &classify_text)
      || !take_option (args, "--classes", &classes_text)
      || !take_option (args, "--years", &years_text) || !take_option (args, "--fit", &fit)
      || !take_option (args, "--color-by", &color_by)
      || !take_option (args, "--layers", &layers_text)
      || !take_option (args, "--title", &title) || !take_option (args, "--source", &source)
      || !take_option (args, "--position", &position_text)
      || args->len != 2 || (chart == NULL) == !map)
    return usage ();

  if (!parse_dimension (position_text, "--position", 1, 1000, &position))
    return 2;

  name = g_ptr_array_index (args, 1);
  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);

  if (chart != NULL)
    {
      GfChartRequest request = { 0 };
      GfChartKind kind;
      int first_year = 0, last_year = 0;
      int status;

      if (!parse_chart_kind (chart, &kind)
          || (years_text != NULL && !parse_years (years_text, &first_year, &last_year)))
        return 2;
      if (indicator == NULL)
        return usage ();
      if (classify_text != NULL || classes_text != NULL)
        {
          g_printerr (_("gongfu-atlas-cli: --classify and --classes are for map slides\n"));
          return 1;
        }

      request.kind = kind;
      request.first_year = first_year;
      request.last_year = last_year;
      status = parse_chart_request (db, indicator, clusters_text, villages_text, &request,
                                    &codes, &cluster_ids);
      if (status != 0)
        return status;
      slide = gf_slide_new_chart (&request, title);
    }
  else
    {
      g_autofree char *code = NULL;
      guint layers = GF_MAP_LAYER_ALL;
      GfMapClassifyMethod classify = GF_MAP_CLASSIFY_QUANTILE;
      gint64 n_classes = 0;
      gint64 cluster_id = 0;
      int year = 0;

      if ((layers_text != NULL && !parse_layers (layers_text, &layers))
          || !parse_color_by (color_by, &code, &year)
          || !parse_dimension (classes_text, "--classes", 2, GF_MAP_MAX_CLASSES, &n_classes))
        return 2;
      if (indicator != NULL || clusters_text != NULL || villages_text != NULL)
        {
          g_printerr (_("gongfu-atlas-cli: a map slide takes its indicator from --color-by "
                        "INDICATOR:YEAR, and shows the clusters or one of them with --fit\n"));
          return 1;
        }
      if (classify_text != NULL && !g_str_equal (classify_text, "quantile")
          && !g_str_equal (classify_text, "equal") && !g_str_equal (classify_text, "thresholds"))
        {
          g_printerr (_("gongfu-atlas-cli: --classify takes quantile, equal or thresholds, "
                        "not “%s”\n"), classify_text);
          return 1;
        }
      if (g_strcmp0 (classify_text, "equal") == 0)
        classify = GF_MAP_CLASSIFY_EQUAL_INTERVAL;
      else if (g_strcmp0 (classify_text, "thresholds") == 0)
        classify = GF_MAP_CLASSIFY_THRESHOLDS;
      if ((classify_text != NULL || classes_text != NULL) && code == NULL)
        {
          g_printerr (_("gongfu-atlas-cli: --classify and --classes class the values of "
                        "--color-by INDICATOR:YEAR, and this map is coloured by cluster\n"));
          return 1;
        }
      if (classes_text != NULL && classify == GF_MAP_CLASSIFY_THRESHOLDS)
        {
          g_printerr (_("gongfu-atlas-cli: thresholds take their classes from the indicator’s "
                        "benchmark: leave out --classes\n"));
          return 1;
        }
      if (fit != NULL && !g_str_equal (fit, "district") && !g_str_has_prefix (fit, "cluster:"))
        {
          g_printerr (_("gongfu-atlas-cli: --fit takes district or cluster:NAME, not “%s”\n"),
                      fit);
          return 2;
        }
      if (fit != NULL && g_str_has_prefix (fit, "cluster:"))
        {
          const char *names[] = { fit + strlen ("cluster:"), NULL };

          cluster_ids = gf_chart_clusters_from_names (db, names, &error);
          if (cluster_ids == NULL)
            return fail (error);
          cluster_id = g_array_index (cluster_ids, gint64, 0);
        }
      slide = gf_slide_new_map (cluster_id != 0 ? GF_SLIDE_FIT_CLUSTER : GF_SLIDE_FIT_DISTRICT,
                                cluster_id, code, year, layers, classify, (guint) n_classes,
                                title);
    }

  /* A briefing that does not exist yet is created, so a script can build one slide by slide. */
  briefing = gf_store_find_briefing (db, name, &error);
  if (briefing == NULL && g_error_matches (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      if (!gf_store_create_briefing (db, name, source, &briefing_id, &error))
        return fail (error);
    }
  else if (briefing == NULL)
    return fail (error);
  else
    {
      briefing_id = briefing->id;
      if (source != NULL && !gf_store_set_briefing_source (db, briefing_id, source, &error))
        return fail (error);
    }

  if (!gf_store_add_slide (db, briefing_id, slide, position > 0 ? (int) position - 1 : -1, NULL,
                           &error))
    return fail (error);

  return 0;
}

/* layout: planning of cluster layouts */

static int
layout_usage (void)
{
  g_printerr ("%s\n",
              _("Usage:\n"
                "  gongfu-atlas-cli layout list DB\n"
                "  gongfu-atlas-cli layout copy DB FROM NAME\n"
                "  gongfu-atlas-cli layout assign DB LAYOUT VILLAGE_CODE CLUSTER|-\n"
                "  gongfu-atlas-cli layout rename DB OLD NEW\n"
                "  gongfu-atlas-cli layout current DB NAME\n"
                "  gongfu-atlas-cli layout delete DB NAME\n"
                "  gongfu-atlas-cli layout compare DB A B [--year YEAR] [--json]\n"
                "      [--indicators all|CODE,CODE]\n"
                "  gongfu-atlas-cli layout check DB NAME\n"
                "\n"
                "“copy” saves a new layout that is not current; only “current” changes the\n"
                "current layout, which “assign” refuses to edit. CLUSTER “-” takes the village\n"
                "out of any cluster. “compare” shows B against A per cluster."));
  return 2;
}

static GfLayoutInfo *
find_layout_or_fail (GfDatabase *db,
                     const char *name,
                     int        *status)
{
  g_autoptr(GError) error = NULL;
  GfLayoutInfo *info = gf_layout_find (db, name, &error);

  if (info == NULL)
    *status = fail (error);

  return info;
}

static int
run_layout_list (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layouts = NULL;

  if (args->len != 1)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL || (layouts = gf_layout_list (db, &error)) == NULL)
    return fail (error);

  for (guint i = 0; i < layouts->len; i++)
    {
      const GfLayoutInfo *info = g_ptr_array_index (layouts, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (info->created_at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *created = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                               : g_strdup (info->created_at);

      if (info->is_current)
        /* Translators: a saved layout: its name, clusters, villages, creation time */
        g_print (_("* %s (current) — clusters: %u, villages: %u, created %s\n"), info->name,
                 info->n_clusters, info->n_villages, created);
      else
        /* Translators: a saved layout: its name, clusters, villages, creation time */
        g_print (_("  %s — clusters: %u, villages: %u, created %s\n"), info->name,
                 info->n_clusters, info->n_villages, created);
    }

  if (layouts->len == 0)
    g_print ("%s\n", _("There are no layouts yet."));

  return 0;
}

static int
run_layout_copy (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) from = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  int status = 1;

  if (args->len != 3)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);
  if ((from = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  draft = gf_layout_draft_new_from (db, from->id, g_ptr_array_index (args, 2), &error);
  if (draft == NULL || !gf_layout_draft_save (draft, &error))
    return fail (error);

  g_print (_("Copied “%s” to the new layout “%s”.\n"), from->name,
           gf_layout_draft_get_name (draft));
  return 0;
}

static int
run_layout_assign (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  g_autofree char *village_name = NULL;
  const char *code, *cluster;
  gint64 village_id = 0, cluster_id = 0;
  int status = 1;

  if (args->len != 4)
    return layout_usage ();
  code = g_ptr_array_index (args, 2);
  cluster = g_ptr_array_index (args, 3);

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);
  if ((layout = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  if (layout->is_current)
    {
      g_printerr (_("gongfu-atlas-cli: “%s” is the current layout; copy it to a draft first "
                    "(gongfu-atlas-cli layout copy)\n"), layout->name);
      return 1;
    }

  if (!gf_store_lookup_id (db, "village", "code", code, &village_id, &error)
      || (!g_str_equal (cluster, "-")
          && !gf_store_lookup_id (db, "cluster", "name", cluster, &cluster_id, &error)))
    return fail (error);
  if (village_id == 0)
    {
      g_printerr (_("gongfu-atlas-cli: there is no village with code “%s”\n"), code);
      return 1;
    }
  if (!gf_store_lookup_text (db, "village", "name", village_id, &village_name, &error))
    return fail (error);
  if (cluster_id == 0 && !g_str_equal (cluster, "-"))
    {
      g_printerr (_("gongfu-atlas-cli: there is no cluster “%s”\n"), cluster);
      return 1;
    }

  /* The whole layout is rewritten in one transaction, so a failure leaves it as it was. */
  draft = gf_layout_draft_open (db, layout->id, &error);
  if (draft == NULL || !gf_layout_draft_assign (draft, village_id, cluster_id, &error)
      || !gf_layout_draft_save (draft, &error))
    return fail (error);

  if (cluster_id != 0)
    /* Translators: village name, its code, the cluster, the layout */
    g_print (_("%s (%s) is now in cluster “%s” of “%s”.\n"), village_name, code, cluster,
             layout->name);
  else
    /* Translators: village name, its code, the layout */
    g_print (_("%s (%s) is now in no cluster of “%s”.\n"), village_name, code, layout->name);

  return 0;
}

static int
run_layout_rename (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  int status = 1;

  if (args->len != 3)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);
  if ((layout = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  if (!gf_layout_rename (db, layout->id, g_ptr_array_index (args, 2), &error))
    return fail (error);

  g_print (_("Renamed “%s” to “%s”.\n"), layout->name, (char *) g_ptr_array_index (args, 2));
  return 0;
}

static int
run_layout_current (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  int status = 1;

  if (args->len != 2)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);
  if ((layout = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  if (!gf_layout_make_current (db, layout->id, &error))
    return fail (error);

  g_print (_("“%s” is now the current layout.\n"), layout->name);
  return 0;
}

static int
run_layout_delete (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  int status = 1;

  if (args->len != 2)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);
  if ((layout = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  if (!gf_layout_delete (db, layout->id, &error))
    return fail (error);

  g_print (_("Deleted the layout “%s”.\n"), layout->name);
  return 0;
}

/* The indicators `layout compare` shows by default: income, land, e-commerce, tourism, jobs. */
static const char * const layout_key_indicators[] = {
  "coll_operating_income", "coll_total_income", "income_per_capita_disposable",
  "land_transferred", "ecommerce_sales", "tourism_income", "common_prosperity_jobs",
};

static char *
format_signed (double value,
               int    decimals)
{
  g_autofree char *text = gf_number_format_grouped (value, decimals);

  if (isfinite (value) && value > 0 && strpbrk (text, "123456789") != NULL)
    return g_strconcat ("+", text, NULL);

  return g_steal_pointer (&text);
}

static void
print_delta_row (const char          *label,
                 const GfLayoutDelta *d,
                 int                  decimals)
{
  g_autofree char *a = NULL, *b = NULL, *change = NULL;

  if (isnan (d->a))
    a = g_strdup (_("no data"));
  else
    a = gf_number_format_grouped (d->a, decimals);
  if (isnan (d->b))
    b = g_strdup (_("no data"));
  else
    b = gf_number_format_grouped (d->b, decimals);

  if (isnan (d->diff))
    change = g_strdup ("—");
  else if (isnan (d->percent))
    change = format_signed (d->diff, decimals);
  else
    {
      g_autofree char *diff = format_signed (d->diff, decimals);
      g_autofree char *percent = gf_number_format_percent_signed (d->percent, 1);

      change = g_strdup_printf ("%s, %s", diff, percent);
    }

  /* Translators: a row of a layout comparison: label, value in the first layout, value in the
   * second, and the change ("+1, +50.0%") */
  g_print (_("  %s: %s → %s (%s)\n"), label, a, b, change);
}

static char *
cluster_label (GHashTable *names,
               gint64      cluster_id)
{
  const char *name = g_hash_table_lookup (names, &cluster_id);

  if (cluster_id == 0)
    return g_strdup (_("no cluster"));

  return g_strdup (name != NULL ? name : "?");
}

static JsonNode *
layout_json (const GfLayoutInfo *info)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, info->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, info->name);
  json_builder_set_member_name (b, "is_current");
  json_builder_add_boolean_value (b, info->is_current);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static int
run_layout_compare (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) a = NULL;
  g_autoptr(GfLayoutInfo) b = NULL;
  g_autoptr(GHashTable) members_a = NULL;
  g_autoptr(GHashTable) members_b = NULL;
  g_autoptr(GfLayoutTotals) totals_a = NULL;
  g_autoptr(GfLayoutTotals) totals_b = NULL;
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GArray) moves = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *year_text = NULL, *indicators_text = NULL;
  gboolean json = take_flag (args, "--json");
  int year = 0, status = 1;

  if (!take_option (args, "--year", &year_text)
      || !take_option (args, "--indicators", &indicators_text) || args->len != 3)
    return layout_usage ();

  if (year_text != NULL)
    {
      gint64 parsed;

      if (!g_ascii_string_to_signed (year_text, 10, 1949, 2100, &parsed, NULL))
        {
          g_printerr (_("gongfu-atlas-cli: “%s” is not a year\n"), year_text);
          return 2;
        }
      year = (int) parsed;
    }

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);
  if ((a = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL
      || (b = find_layout_or_fail (db, g_ptr_array_index (args, 2), &status)) == NULL)
    return status;

  if ((members_a = gf_layout_get_membership (db, a->id, &error)) == NULL
      || (members_b = gf_layout_get_membership (db, b->id, &error)) == NULL
      || (totals_a = gf_layout_totals (db, members_a, year, &error)) == NULL
      || (totals_b = gf_layout_totals (db, members_b, year, &error)) == NULL
      || (clusters = gf_store_list_clusters (db, &error)) == NULL)
    return fail (error);

  comparison = gf_layout_compare (totals_a, totals_b);
  moves = gf_layout_diff (members_a, members_b);
  names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint c = 0; c < clusters->len; c++)
    {
      GfClusterRecord *record = g_ptr_array_index (clusters, c);

      g_hash_table_insert (names, &record->id, record->name);
    }

  if (indicators_text != NULL && g_str_equal (indicators_text, "all"))
    for (guint i = 0; i < comparison->indicators->len; i++)
      g_array_append_val (shown, i);
  else if (indicators_text != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (indicators_text, ",", -1);

      for (guint k = 0; codes[k] != NULL; k++)
        {
          int i = gf_layout_totals_find_indicator (totals_a, g_strstrip (codes[k]));

          if (i < 0)
            {
              g_printerr (_("gongfu-atlas-cli: unknown indicator “%s”\n"), codes[k]);
              return 2;
            }
          g_array_append_val (shown, i);
        }
    }
  else
    for (guint k = 0; k < G_N_ELEMENTS (layout_key_indicators); k++)
      {
        int i = gf_layout_totals_find_indicator (totals_a, layout_key_indicators[k]);

        if (i >= 0)
          g_array_append_val (shown, i);
      }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = gf_layout_comparison_to_json (comparison);
      JsonObject *object = json_node_get_object (root);
      JsonArray *moved = json_array_new ();
      g_autofree char *text = NULL;

      json_object_set_member (object, "a", layout_json (a));
      json_object_set_member (object, "b", layout_json (b));
      for (guint m = 0; m < moves->len; m++)
        {
          const GfLayoutMove *move = &g_array_index (moves, GfLayoutMove, m);
          g_autofree char *code = NULL, *name = NULL;
          JsonObject *entry = json_object_new ();

          if (!gf_store_lookup_text (db, "village", "code", move->village_id, &code, &error)
              || !gf_store_lookup_text (db, "village", "name", move->village_id, &name, &error))
            {
              json_object_unref (entry);
              json_array_unref (moved);
              return fail (error);
            }
          json_object_set_string_member (entry, "village_code", code);
          json_object_set_string_member (entry, "village_name", name);
          if (move->from_cluster != 0)
            json_object_set_string_member (entry, "from",
                                           g_hash_table_lookup (names, &move->from_cluster));
          else
            json_object_set_null_member (entry, "from");
          if (move->to_cluster != 0)
            json_object_set_string_member (entry, "to",
                                           g_hash_table_lookup (names, &move->to_cluster));
          else
            json_object_set_null_member (entry, "to");
          json_array_add_object_element (moved, entry);
        }
      json_object_set_array_member (object, "moved", moved);

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return 0;
    }

  if (comparison->year != 0)
    /* Translators: the two layouts' names and the year of the figures */
    g_print (_("Comparing “%s” (first) with “%s” (second), figures of %d\n"), a->name, b->name,
             comparison->year);
  else
    g_print (_("Comparing “%s” (first) with “%s” (second); there is no indicator data yet\n"),
             a->name, b->name);

  if (moves->len == 0)
    g_print ("%s\n", _("No village is in another cluster."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u village is in another cluster:\n",
                          "%u villages are in another cluster:\n", moves->len), moves->len);
  for (guint m = 0; m < moves->len; m++)
    {
      const GfLayoutMove *move = &g_array_index (moves, GfLayoutMove, m);
      g_autofree char *code = NULL, *name = NULL;
      g_autofree char *from = cluster_label (names, move->from_cluster);
      g_autofree char *to = cluster_label (names, move->to_cluster);

      if (!gf_store_lookup_text (db, "village", "code", move->village_id, &code, &error)
          || !gf_store_lookup_text (db, "village", "name", move->village_id, &name, &error))
        return fail (error);
      g_print ("  %s %s: %s → %s\n", code, name, from, to);
    }

  for (guint c = 0; c < comparison->clusters->len; c++)
    {
      const GfLayoutClusterComparison *entry = g_ptr_array_index (comparison->clusters, c);

      g_print ("\n");
      if (!entry->in_a)
        g_print (_("Cluster “%s” (only in “%s”)\n"), entry->name, b->name);
      else if (!entry->in_b)
        g_print (_("Cluster “%s” (only in “%s”)\n"), entry->name, a->name);
      else
        g_print (_("Cluster “%s”\n"), entry->name);

      print_delta_row (_("Villages"), &entry->villages, 0);
      print_delta_row (_("Area (km²)"), &entry->area_km2, 2);
      print_delta_row (_("Area (mu)"), &entry->area_mu, 0);
      print_delta_row (_("Population"), &entry->population, 0);
      for (guint k = 0; k < shown->len; k++)
        {
          int i = g_array_index (shown, int, k);
          const GfIndicator *ind = g_ptr_array_index (comparison->indicators, i);
          /* Translators: an indicator's name and its unit */
          g_autofree char *label = g_strdup_printf (C_("indicator with unit", "%s (%s)"),
                                                    ind->name_zh, ind->unit);

          print_delta_row (label, &entry->values[i], 2);
        }
    }

  return 0;
}

static char *
format_elongation (double elongation)
{
  if (isnan (elongation))
    return g_strdup ("—");
  if (isinf (elongation))
    return g_strdup ("∞");

  return g_strdup_printf ("%.1f", elongation);
}

static int
run_layout_check (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutInfo) layout = NULL;
  g_autoptr(GHashTable) membership = NULL;
  g_autoptr(GfLayoutGeometry) geometry = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  int status = 1;

  if (args->len != 2)
    return layout_usage ();

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);
  if ((layout = find_layout_or_fail (db, g_ptr_array_index (args, 1), &status)) == NULL)
    return status;

  if ((membership = gf_layout_get_membership (db, layout->id, &error)) == NULL
      || (geometry = gf_layout_geometry_load (db, &error)) == NULL
      || (clusters = gf_store_list_clusters (db, &error)) == NULL)
    return fail (error);

  for (guint c = 0; c < clusters->len; c++)
    {
      const GfClusterRecord *record = g_ptr_array_index (clusters, c);
      g_autofree char *elongation = NULL;
      GfLayoutShape shape;

      if (!gf_layout_geometry_shape (geometry, membership, record->id, &shape))
        continue;
      elongation = format_elongation (shape.elongation);
      /* Translators: a cluster's name, its member villages, the connected parts they form,
       * and how many times longer than wide it is */
      g_print (_("%s: villages %u, parts %u, elongation %s\n"), record->name, shape.n_members,
               shape.n_parts, elongation);
    }

  warnings = gf_layout_check (geometry, membership);
  if (warnings->len == 0)
    g_print ("%s\n", _("No warnings: every cluster is contiguous and compact."));

  for (guint w = 0; w < warnings->len; w++)
    {
      const GfLayoutWarning *warning = g_ptr_array_index (warnings, w);

      g_print ("%s: %s\n", _("Warning"), warning->message);
      for (guint v = 0; v < warning->stray_villages->len; v++)
        {
          gint64 id = g_array_index (warning->stray_villages, gint64, v);
          g_autofree char *code = NULL, *name = NULL;

          if (!gf_store_lookup_text (db, "village", "code", id, &code, &error)
              || !gf_store_lookup_text (db, "village", "name", id, &name, &error))
            return fail (error);
          /* Translators: a village apart from the rest of its cluster: code and name */
          g_print (_("  apart from the rest: %s %s\n"), code, name);
        }
    }

  return 0;
}

static int
run_layout (GPtrArray *args)
{
  static const struct
  {
    const char *name;
    int       (*run) (GPtrArray *args);
  } commands[] = {
    { "list", run_layout_list }, { "copy", run_layout_copy },
    { "assign", run_layout_assign }, { "rename", run_layout_rename },
    { "current", run_layout_current }, { "delete", run_layout_delete },
    { "compare", run_layout_compare }, { "check", run_layout_check },
  };
  const char *command;

  if (args->len < 1)
    return layout_usage ();

  command = g_ptr_array_index (args, 0);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      layout_usage ();
      return 0;
    }

  g_ptr_array_remove_index (args, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (args);

  return layout_usage ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *command;

  setlocale (LC_ALL, "");
  /* GF_LOCALEDIR points an uninstalled build at its own translations (.ci/app, meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GF_LOCALEDIR") ? g_getenv ("GF_LOCALEDIR")
                                                              : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage ();

  command = argv[1];
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);

  if (g_str_equal (command, "init"))
    return run_init (args);
  if (g_str_equal (command, "import"))
    return run_import (args);
  if (g_str_equal (command, "export"))
    return run_export (args);
  if (g_str_equal (command, "check"))
    return run_check (args);
  if (g_str_equal (command, "summary"))
    return run_summary (args);
  if (g_str_equal (command, "render-map"))
    return run_render_map (args);
  if (g_str_equal (command, "render-chart"))
    return run_render_chart (args);
  if (g_str_equal (command, "briefing"))
    return run_briefing (args);
  if (g_str_equal (command, "briefing-add"))
    return run_briefing_add (args);
  if (g_str_equal (command, "briefing-list"))
    return run_briefing_list (args);
  if (g_str_equal (command, "layout"))
    return run_layout (args);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      usage ();
      return 0;
    }

  return usage ();
}
