/* gf-briefing.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Briefings: the slide model, and the renderer that draws a title page and the slides on a
 * fixed 16:9 canvas for the presenter and the PDF handout. Charts come from the chart engine
 * and maps from the map renderer; this file draws only the frame around them (title, subtitle
 * and a footer naming the data source and years) and the words a slide shows when it has
 * nothing to draw.
 *
 * A renderer queries the database while it prepares a page, never while it draws one, and
 * uses the Pango font map of the thread that created it: create, prepare and render on one
 * thread, with that thread's own database connection.
 */

#define G_LOG_DOMAIN "gf-briefing"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-briefing.h"
#include "gf-chart-render.h"
#include "gf-chart-spec.h"
#include "gf-leaderboard.h"
#include "gf-map-render.h"
#include "gf-map-style.h"
#include "gf-output.h"

/* The frame of a page, in canvas units (GF_BRIEFING_WIDTH × GF_BRIEFING_HEIGHT). */
#define MARGIN_X       56.0
#define ACCENT_HEIGHT  10.0
#define TITLE_Y        30.0
#define TITLE_SIZE     40.0
#define SUBTITLE_Y     92.0
#define SUBTITLE_SIZE  23.0
#define BODY_Y         138.0
#define BODY_BOTTOM    640.0
#define RULE_Y         654.0
#define FOOTER_Y       666.0
#define FOOTER_SIZE    17.0
#define MESSAGE_SIZE   30.0
/* Map labels and symbols are sized for a screen; on a slide they are drawn this much larger. */
#define MAP_SCALE      1.4
#define LEGEND_GAP     24.0
/* Between two legend columns, in legend units. */
#define LEGEND_COLUMN_GAP 8.0

#define COLOR_INK       0x1F1F1F
#define COLOR_SECONDARY 0x5C5C5C
#define COLOR_RULE      0xC8C8C8
#define COLOR_ACCENT    0xB3261E

G_DEFINE_QUARK (gf-briefing-error-quark, gf_briefing_error)

typedef struct
{
  gboolean        prepared;
  char           *title;
  char           *subtitle;
  char           *years;       /* for the footer */
  gboolean        as_of;       /* the years are "data up to", not what is shown */
  char           *message;     /* shown instead of a chart or map */

  /* Charts */
  GfChartSpec    *spec;
  GfChartLayout  *layout;

  /* Maps */
  GfMapStyle     *style;
  GfMapView       view;
  guint           layers;
  double          legend_scale;
  double          legend_width;
  guint           n_legends;       /* 1, or 2 for a legend split in two columns */
  guint           legend_layers[2];
  double          legend_x[2];     /* in legend units, from the legend's left */
} Page;

struct _GfBriefingRenderer
{
  GfDatabase    *db;
  GfBriefing    *briefing;
  GfAggregator  *aggregator;
  GError        *aggregator_error;
  GfMapData     *map_data;
  GError        *map_error;
  gboolean       map_loaded;
  PangoContext  *context;
  GDateTime     *date;
  char          *district_name;
  gboolean       is_sample;
  int            first_year;
  int            last_year;
  char          *source;
  Page          *pages;
  guint          n_pages;
};

/* Model */

static gint64 *
copy_ids (const gint64 *ids,
          guint         n_ids)
{
  /* An empty but chosen list stays a list (it shows a message), not "every cluster". */
  if (ids == NULL)
    return NULL;
  if (n_ids == 0)
    return g_new0 (gint64, 1);

  return g_memdup2 (ids, n_ids * sizeof (gint64));
}

/**
 * gf_slide_new_chart:
 * @request: what the slide charts (its indicators, subjects and years are copied)
 * @title: (nullable): the title, %NULL for one made from the indicators
 *
 * Returns: (transfer full): a chart slide, not stored yet
 */
GfSlide *
gf_slide_new_chart (const GfChartRequest *request,
                    const char           *title)
{
  GfSlide *slide;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->indicators != NULL && request->n_indicators > 0, NULL);
  g_return_val_if_fail (request->subject_ids != NULL || request->n_subjects == 0, NULL);

  slide = g_new0 (GfSlide, 1);
  slide->kind = GF_SLIDE_CHART;
  slide->chart_kind = request->kind;
  slide->indicators = g_new0 (char *, request->n_indicators + 1);
  for (guint i = 0; i < request->n_indicators; i++)
    slide->indicators[i] = g_strdup (request->indicators[i]);
  slide->subject = request->subject;
  slide->subject_ids = copy_ids (request->subject_ids, request->n_subjects);
  slide->n_subjects = request->n_subjects;
  slide->first_year = request->first_year;
  slide->last_year = request->last_year;
  slide->title = g_strdup (title);

  return slide;
}

/**
 * gf_slide_new_map:
 * @fit_cluster_id: the cluster for %GF_SLIDE_FIT_CLUSTER
 * @indicator: (nullable): the indicator that colours the villages, %NULL for clusters
 * @year: the indicator's year, 0 for the last with data
 * @layers: #GfMapLayers
 * @classify: how the indicator's values are classed (thresholds: the indicator's benchmark)
 * @n_classes: how many classes, 0 for the default; ignored for thresholds
 * @title: (nullable): the title, %NULL for one made from the content
 *
 * Returns: (transfer full): a map slide, not stored yet
 */
GfSlide *
gf_slide_new_map (GfSlideFit           fit,
                  gint64               fit_cluster_id,
                  const char          *indicator,
                  int                  year,
                  guint                layers,
                  GfMapClassifyMethod  classify,
                  guint                n_classes,
                  const char          *title)
{
  GfSlide *slide = g_new0 (GfSlide, 1);

  slide->kind = GF_SLIDE_MAP;
  slide->fit = fit;
  slide->fit_cluster_id = fit == GF_SLIDE_FIT_CLUSTER ? fit_cluster_id : 0;
  if (indicator != NULL)
    {
      slide->indicators = g_new0 (char *, 2);
      slide->indicators[0] = g_strdup (indicator);
    }
  slide->last_year = year;
  slide->layers = layers;
  slide->classify = classify;
  slide->n_classes = classify == GF_MAP_CLASSIFY_THRESHOLDS ? 0 : n_classes;
  slide->title = g_strdup (title);

  return slide;
}

/**
 * gf_slide_new_leaderboard:
 * @year: the year ranked, 0 for the last with data when the slide is shown
 * @title: (nullable): the title, %NULL for “Cluster competition YEAR”
 *
 * Returns: (transfer full): a slide of the competition's ranking (比拼晾晒) of the clusters of
 *   the current layout, not stored yet
 */
GfSlide *
gf_slide_new_leaderboard (int         year,
                          const char *title)
{
  GfSlide *slide = g_new0 (GfSlide, 1);

  slide->kind = GF_SLIDE_LEADERBOARD;
  slide->last_year = year;
  slide->title = g_strdup (title);

  return slide;
}

/**
 * gf_slide_get_request:
 * @slide: a chart slide
 * @request: (out caller-allocates): the request, which borrows the slide's indicators and
 *   subjects: it is valid while @slide is
 *
 * Fills @request with what the chart slide shows, for gf_chart_spec_build().
 */
void
gf_slide_get_request (const GfSlide  *slide,
                      GfChartRequest *request)
{
  g_return_if_fail (slide != NULL);
  g_return_if_fail (request != NULL);

  *request = (GfChartRequest) { 0 };
  request->kind = slide->chart_kind;
  request->indicators = (const char * const *) slide->indicators;
  request->n_indicators = slide->indicators != NULL ? g_strv_length (slide->indicators) : 0;
  request->subject = slide->subject;
  request->subject_ids = slide->subject_ids;
  request->n_subjects = slide->n_subjects;
  request->first_year = slide->first_year;
  request->last_year = slide->last_year;
}

/**
 * gf_slide_copy:
 *
 * Returns: (transfer full): a deep copy of @slide
 */
GfSlide *
gf_slide_copy (const GfSlide *slide)
{
  GfSlide *copy;

  g_return_val_if_fail (slide != NULL, NULL);

  copy = g_memdup2 (slide, sizeof *slide);
  copy->title = g_strdup (slide->title);
  copy->indicators = g_strdupv (slide->indicators);
  copy->subject_ids = copy_ids (slide->subject_ids, slide->n_subjects);

  return copy;
}

void
gf_slide_free (GfSlide *slide)
{
  if (slide == NULL)
    return;

  g_clear_pointer (&slide->title, g_free);
  g_clear_pointer (&slide->indicators, g_strfreev);
  g_clear_pointer (&slide->subject_ids, g_free);
  g_free (slide);
}

static char *
describe_years (int first_year,
                int last_year)
{
  if (first_year != 0 && last_year != 0)
    return gf_chart_format_years (first_year, last_year);
  if (first_year != 0)
    /* Translators: %d is a year; the slide runs from it to the last year with data */
    return g_strdup_printf (_("from %d"), first_year);
  if (last_year != 0)
    /* Translators: %d is a year; the slide runs from the first year with data to it */
    return g_strdup_printf (_("up to %d"), last_year);

  return g_strdup (_("all years"));
}

static char *
describe_subjects (const GfSlide *slide)
{
  if (slide->subject == GF_CHART_SUBJECT_VILLAGES)
    /* Translators: part of a slide's description: how many villages it compares */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u village", "%u villages",
                                         slide->n_subjects),
                            slide->n_subjects);

  if (slide->subject_ids == NULL)
    return g_strdup (_("all clusters"));

  /* Translators: part of a slide's description: how many clusters it compares */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cluster", "%u clusters",
                                       slide->n_subjects),
                          slide->n_subjects);
}

/**
 * gf_slide_describe:
 *
 * Returns: (transfer full): one line that says what the slide shows, for lists of slides
 */
char *
gf_slide_describe (const GfSlide *slide)
{
  g_autofree char *years = NULL;

  g_return_val_if_fail (slide != NULL, NULL);

  if (slide->kind == GF_SLIDE_CHART)
    {
      guint n_indicators = slide->indicators != NULL ? g_strv_length (slide->indicators) : 0;

      if (gf_chart_kind_is_single_year (slide->chart_kind) || n_indicators > 1)
        years = slide->last_year != 0 ? gf_chart_format_years (slide->last_year, slide->last_year)
                                       : g_strdup (_("latest year"));
      else
        years = describe_years (slide->first_year, slide->last_year);

      if (n_indicators > 1)
        {
          g_autofree char *subjects = describe_subjects (slide);

          /* Translators: a slide in a list; the first %s is a kind of chart, %u a number of
           * indicators, then what it compares (“3 clusters”, “2 villages”) and years */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u indicator · %s · %s",
                                               "%s · %u indicators · %s · %s", n_indicators),
                                  gf_chart_kind_to_label (slide->chart_kind), n_indicators,
                                  subjects, years);
        }

      if (slide->subject == GF_CHART_SUBJECT_VILLAGES)
        /* Translators: a slide in a list; %s is a kind of chart, %u a number of villages, the
         * last %s years */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u village · %s",
                                             "%s · %u villages · %s", slide->n_subjects),
                                gf_chart_kind_to_label (slide->chart_kind), slide->n_subjects,
                                years);

      if (slide->subject_ids == NULL)
        /* Translators: a slide in a list; the first %s is a kind of chart, the second years */
        return g_strdup_printf (_("%s · all clusters · %s"),
                                gf_chart_kind_to_label (slide->chart_kind), years);

      /* Translators: a slide in a list; %s is a kind of chart, %u a number of clusters, the
       * last %s years */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u cluster · %s",
                                           "%s · %u clusters · %s", slide->n_subjects),
                              gf_chart_kind_to_label (slide->chart_kind), slide->n_subjects,
                              years);
    }

  if (slide->kind == GF_SLIDE_LEADERBOARD)
    {
      years = slide->last_year != 0 ? gf_chart_format_years (slide->last_year, slide->last_year)
                                    : g_strdup (_("latest year"));
      /* Translators: a slide in a list; %s is a year, or “latest year” */
      return g_strdup_printf (_("Ranking of the cluster competition · %s"), years);
    }

  if (slide->indicators == NULL || slide->indicators[0] == NULL)
    return g_strdup (slide->fit == GF_SLIDE_FIT_CLUSTER ? _("Map of a cluster, coloured by cluster")
                                                        : _("Map of the district, coloured by "
                                                            "cluster"));

  years = slide->last_year != 0 ? gf_chart_format_years (slide->last_year, slide->last_year)
                                : g_strdup (_("latest year"));
  return g_strdup_printf (slide->fit == GF_SLIDE_FIT_CLUSTER
                          /* Translators: %s is a year */
                          ? _("Map of a cluster, villages coloured by value · %s")
                          /* Translators: %s is a year */
                          : _("Map of the district, villages coloured by value · %s"),
                          years);
}

/**
 * gf_briefing_new:
 *
 * Returns: (transfer full): an empty briefing, not stored
 */
GfBriefing *
gf_briefing_new (const char *name)
{
  GfBriefing *briefing = g_new0 (GfBriefing, 1);

  briefing->name = g_strdup (name);
  briefing->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_slide_free);

  return briefing;
}

/**
 * gf_briefing_default_source:
 * @district_name: the district's name
 * @is_sample: whether it is the invented sample district
 *
 * Returns: (transfer full): the data source named when none was given: the district's own
 *   village statistics (or, for the sample, invented data)
 */
char *
gf_briefing_default_source (const char *district_name,
                            gboolean    is_sample)
{
  g_return_val_if_fail (district_name != NULL, NULL);

  if (is_sample)
    /* Translators: the data source of a chart or briefing of the sample district; %s is its
     * name */
    return g_strdup_printf (_("invented sample data of %s"), district_name);

  /* Translators: the data source of a chart or briefing; %s is the district's name */
  return g_strdup_printf (_("village statistics of %s"), district_name);
}

void
gf_briefing_free (GfBriefing *briefing)
{
  if (briefing == NULL)
    return;

  g_clear_pointer (&briefing->name, g_free);
  g_clear_pointer (&briefing->source, g_free);
  g_clear_pointer (&briefing->created_at, g_free);
  g_clear_pointer (&briefing->updated_at, g_free);
  g_clear_pointer (&briefing->slides, g_ptr_array_unref);
  g_free (briefing);
}

static GfBriefing *
briefing_copy (const GfBriefing *briefing)
{
  GfBriefing *copy = gf_briefing_new (briefing->name);

  copy->id = briefing->id;
  copy->source = g_strdup (briefing->source);
  copy->created_at = g_strdup (briefing->created_at);
  copy->updated_at = g_strdup (briefing->updated_at);
  for (guint i = 0; briefing->slides != NULL && i < briefing->slides->len; i++)
    g_ptr_array_add (copy->slides, gf_slide_copy (g_ptr_array_index (briefing->slides, i)));

  return copy;
}

/* Drawing helpers */

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
new_text (GfBriefingRenderer *self,
          const char         *text,
          double              size,
          gboolean            bold,
          double              width,
          gboolean            wrap)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (GF_CHART_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  if (wrap)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    }
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           guint32      rgb)
{
  cairo_save (cr);
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Scales @cr so that the canvas fills the largest 16:9 box centred in width × height. */
static void
enter_canvas (cairo_t *cr,
              double   width,
              double   height)
{
  double scale = MIN (width / GF_BRIEFING_WIDTH, height / GF_BRIEFING_HEIGHT);

  cairo_translate (cr, (width - GF_BRIEFING_WIDTH * scale) / 2,
                   (height - GF_BRIEFING_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);

  cairo_rectangle (cr, 0, 0, GF_BRIEFING_WIDTH, GF_BRIEFING_HEIGHT);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

/* Setup */

static const char *
indicator_name (GfBriefingRenderer *self,
                const char         *code)
{
  const GfIndicator *indicator;

  if (self->aggregator == NULL || code == NULL)
    return NULL;

  indicator = gf_aggregator_get_indicator (self->aggregator, code);
  return indicator != NULL ? indicator->name_zh : NULL;
}

static char *
default_title (GfBriefingRenderer *self,
               const GfSlide      *slide)
{
  if (slide->kind == GF_SLIDE_LEADERBOARD)
    return g_strdup (_("Cluster Competition"));

  if (slide->indicators != NULL && slide->indicators[0] != NULL)
    {
      g_autoptr(GString) title = g_string_new (NULL);

      /* Several indicators are named as the chart engine's spec names them. */
      for (guint i = 0; slide->indicators[i] != NULL; i++)
        {
          const char *name = indicator_name (self, slide->indicators[i]);

          if (i > 0)
            g_string_append (title, "、");
          g_string_append (title, name != NULL ? name : slide->indicators[i]);
        }
      return g_string_free (g_steal_pointer (&title), FALSE);
    }

  if (slide->fit == GF_SLIDE_FIT_CLUSTER)
    {
      g_autoptr(GPtrArray) clusters = gf_store_list_clusters (self->db, NULL);

      for (guint i = 0; clusters != NULL && i < clusters->len; i++)
        {
          GfClusterRecord *record = g_ptr_array_index (clusters, i);

          if (record->id == slide->fit_cluster_id)
            return g_strdup (record->name);
        }
    }

  /* Translators: the title of a map slide; %s is the district's name */
  return g_strdup_printf (_("Clusters of %s"), self->district_name);
}

/**
 * gf_briefing_renderer_new:
 * @db: the database, used by this thread alone while the renderer lives
 * @briefing: the briefing; it is copied
 *
 * Reads the district, the years with data and the slide titles. The map data is loaded the
 * first time a map slide is prepared, once.
 *
 * Returns: (transfer full) (nullable): the renderer
 */
GfBriefingRenderer *
gf_briefing_renderer_new (GfDatabase        *db,
                          const GfBriefing  *briefing,
                          GError           **error)
{
  g_autoptr(GfBriefingRenderer) self = NULL;
  GfDistrictRecord district = { 0 };

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (briefing != NULL, NULL);

  self = g_new0 (GfBriefingRenderer, 1);
  self->db = g_object_ref (db);
  self->briefing = briefing_copy (briefing);
  self->context = gf_chart_create_pango_context (NULL);
  self->date = g_date_time_new_now_local ();

  if (!gf_store_get_district (db, &district, error))
    return NULL;
  self->district_name = district.name != NULL ? g_steal_pointer (&district.name)
                                              : g_strdup (_("The district"));
  self->is_sample = district.is_sample;
  g_clear_pointer (&district.code, g_free);

  if (!gf_store_year_range (db, &self->first_year, &self->last_year, error))
    return NULL;

  /* Without a layout there are no clusters to aggregate by: slides say so when drawn. */
  self->aggregator = gf_aggregator_new (db, 0, &self->aggregator_error);

  if (briefing->source != NULL && *briefing->source != '\0')
    self->source = g_strdup (briefing->source);
  else
    self->source = gf_briefing_default_source (self->district_name, self->is_sample);

  self->n_pages = 1 + self->briefing->slides->len;
  self->pages = g_new0 (Page, self->n_pages);
  self->pages[0].title = g_strdup (self->briefing->name);
  for (guint i = 0; i < self->briefing->slides->len; i++)
    {
      const GfSlide *slide = g_ptr_array_index (self->briefing->slides, i);

      self->pages[i + 1].title = slide->title != NULL ? g_strdup (slide->title)
                                                      : default_title (self, slide);
    }

  return g_steal_pointer (&self);
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->title, g_free);
  g_clear_pointer (&page->subtitle, g_free);
  g_clear_pointer (&page->years, g_free);
  g_clear_pointer (&page->message, g_free);
  g_clear_pointer (&page->layout, gf_chart_layout_free);
  g_clear_pointer (&page->spec, gf_chart_spec_free);
  g_clear_pointer (&page->style, gf_map_style_unref);
}

void
gf_briefing_renderer_free (GfBriefingRenderer *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; self->pages != NULL && i < self->n_pages; i++)
    page_clear (&self->pages[i]);
  g_clear_pointer (&self->pages, g_free);
  g_clear_pointer (&self->aggregator, gf_aggregator_free);
  g_clear_error (&self->aggregator_error);
  g_clear_pointer (&self->map_data, gf_map_data_unref);
  g_clear_error (&self->map_error);
  g_clear_object (&self->context);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->district_name, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->briefing, gf_briefing_free);
  g_clear_object (&self->db);
  g_free (self);
}

/**
 * gf_briefing_renderer_set_date:
 * @date: the date on the title page (the default is now)
 */
void
gf_briefing_renderer_set_date (GfBriefingRenderer *self,
                               GDateTime          *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
}

/**
 * gf_briefing_renderer_get_n_pages:
 *
 * Returns: the title page and one page per slide
 */
guint
gf_briefing_renderer_get_n_pages (GfBriefingRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

/* Preparing pages */

static char *
overall_years (GfBriefingRenderer *self)
{
  if (self->first_year == 0)
    return g_strdup (_("none yet"));

  return gf_chart_format_years (self->first_year, self->last_year);
}

/* Lays out @page's chart in the body of the slide, under the title and subtitle the page
 * draws itself. */
static void
lay_out_chart (GfBriefingRenderer *self,
               Page               *page)
{
  page->subtitle = g_strdup (page->spec->subtitle);
  g_clear_pointer ((char **) &page->spec->title, g_free);
  g_clear_pointer ((char **) &page->spec->subtitle, g_free);
  page->spec->width = GF_BRIEFING_WIDTH - 2 * MARGIN_X;
  page->spec->height = BODY_BOTTOM - BODY_Y;
  page->spec->font_scale = GF_BRIEFING_FONT_SCALE;
  page->spec->transparent = TRUE;
  page->layout = gf_chart_layout_compute (page->spec, self->context);
}

static void
prepare_chart (GfBriefingRenderer *self,
               Page               *page,
               const GfSlide      *slide)
{
  g_autoptr(GError) error = NULL;
  GfChartRequest request;
  int first_year = 0, last_year = 0;

  gf_slide_get_request (slide, &request);

  if (self->aggregator == NULL)
    {
      page->message = g_strdup (self->aggregator_error->message);
      return;
    }

  if (slide->subject_ids != NULL && slide->n_subjects == 0)
    {
      page->message = g_strdup (slide->subject == GF_CHART_SUBJECT_VILLAGES
                                ? _("The villages of this chart were deleted")
                                : _("The clusters of this chart were deleted"));
      return;
    }

  page->spec = gf_chart_spec_build (self->aggregator, &request, &first_year, &last_year, &error);
  if (page->spec == NULL)
    {
      page->message = g_strdup (error->message);
      if (slide->first_year != 0 || slide->last_year != 0)
        page->years = describe_years (slide->first_year, slide->last_year);
      return;
    }

  page->years = gf_chart_format_years (first_year, last_year);
  lay_out_chart (self, page);
}

/* The competition's ranking of the current layout's clusters in the slide's year, or the last
 * with data. */
static void
prepare_leaderboard (GfBriefingRenderer *self,
                     Page               *page,
                     const GfSlide      *slide)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLeaderboard) board = NULL;
  int year = slide->last_year != 0 ? slide->last_year : self->last_year;
  gint64 layout_id = 0;

  if (year == 0)
    {
      page->message = g_strdup (_("The database has no indicator values yet"));
      return;
    }

  page->years = gf_chart_format_years (year, year);
  if (gf_store_current_layout (self->db, &layout_id, &error))
    board = gf_leaderboard_compute (self->db, layout_id, year, NULL, &error);
  if (board == NULL)
    {
      page->message = g_strdup (error->message);
      return;
    }

  page->spec = gf_leaderboard_to_chart (board, TRUE);
  if (board->rules->len == 0 || board->entries->len == 0)
    {
      page->message = g_strdup (page->spec->no_data_message);
      g_clear_pointer (&page->spec, gf_chart_spec_free);
      return;
    }

  lay_out_chart (self, page);
}

static GfMapData *
get_map_data (GfBriefingRenderer  *self,
              GError             **error)
{
  if (!self->map_loaded)
    {
      self->map_loaded = TRUE;
      self->map_data = gf_map_data_load (self->db, 0, &self->map_error);
    }

  if (self->map_data == NULL)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           self->map_error->message);
      return NULL;
    }

  return self->map_data;
}

static void
measure_legend (GfMapData  *data,
                GfMapStyle *style,
                guint       layers,
                double     *width,
                double     *height)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  *width = *height = 0;
  gf_map_measure_legend (data, style, layers, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

/* The legend goes to the right of the map, as large as the map's text when it fits beside a
 * map that fills the height of the page. A legend too tall for that (clusters, sites and
 * routes) is split in two columns when that lets it be drawn larger. */
static void
layout_legend (GfMapData       *data,
               Page            *page,
               const GfMapRect *rect)
{
  const guint areas = GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS;
  const guint lines = GF_MAP_LAYER_SITES | GF_MAP_LAYER_ROUTES;
  double body_w = GF_BRIEFING_WIDTH - 2 * MARGIN_X;
  double body_h = BODY_BOTTOM - BODY_Y;
  double map_w, avail_w, w1, h1, s1;
  gboolean has_areas, has_lines;

  page->n_legends = 0;
  page->legend_width = 0;
  has_areas = (page->layers & areas) != 0;
  has_lines = ((page->layers & GF_MAP_LAYER_SITES) && gf_map_data_get_n_sites (data) > 0)
              || ((page->layers & GF_MAP_LAYER_ROUTES) && gf_map_data_get_n_routes (data) > 0);
  if (!has_areas && !has_lines)
    return;

  map_w = body_h * (rect->x1 - rect->x0) / (rect->y1 - rect->y0) + 2 * 12 * MAP_SCALE;
  avail_w = MAX (body_w - map_w - LEGEND_GAP, body_w * 0.36);

  measure_legend (data, page->style, page->layers, &w1, &h1);
  s1 = MIN (MAP_SCALE, MIN (body_h / h1, avail_w / w1));
  page->n_legends = 1;
  page->legend_layers[0] = page->layers;
  page->legend_x[0] = 0;
  page->legend_scale = s1;
  page->legend_width = w1 * s1;

  if (has_areas && has_lines)
    {
      double wa, ha, wb, hb, s2;

      measure_legend (data, page->style, page->layers & ~lines, &wa, &ha);
      measure_legend (data, page->style, page->layers & ~areas, &wb, &hb);
      s2 = MIN (MAP_SCALE, MIN (body_h / MAX (ha, hb), avail_w / (wa + LEGEND_COLUMN_GAP + wb)));
      g_debug ("legend: avail %g, one column %g × %g (scale %g), two %g+%g × %g,%g (scale %g)",
               avail_w, w1, h1, s1, wa, wb, ha, hb, s2);
      if (s2 > s1 * 1.05)
        {
          page->n_legends = 2;
          page->legend_layers[0] = page->layers & ~lines;
          page->legend_layers[1] = page->layers & ~areas;
          page->legend_x[1] = wa + LEGEND_COLUMN_GAP;
          page->legend_scale = s2;
          page->legend_width = (wa + LEGEND_COLUMN_GAP + wb) * s2;
        }
    }
}

static void
prepare_map (GfBriefingRenderer *self,
             Page               *page,
             const GfSlide      *slide)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  GfMapData *data;
  GfMapRect rect;
  double body_h, map_w;
  int year = slide->last_year != 0 ? slide->last_year : self->last_year;
  const char *code = slide->indicators != NULL ? slide->indicators[0] : NULL;

  data = get_map_data (self, &error);
  if (data == NULL)
    {
      page->message = g_strdup (error->message);
      return;
    }

  if (slide->fit == GF_SLIDE_FIT_CLUSTER)
    {
      int c = gf_map_data_find_cluster (data, slide->fit_cluster_id);

      if (c < 0)
        {
          page->message = g_strdup (_("The cluster of this map was deleted"));
          return;
        }
      if (gf_map_data_get_cluster (data, c)->n_members == 0)
        {
          /* Translators: %s is a cluster's name */
          page->message = g_strdup_printf (_("The cluster “%s” has no villages in the current "
                                             "layout"),
                                           gf_map_data_get_cluster (data, c)->name);
          return;
        }
      rect = gf_map_data_get_cluster (data, c)->bounds;
      if (gf_map_data_get_cluster (data, c)->brand != NULL)
        page->subtitle = g_strdup (gf_map_data_get_cluster (data, c)->brand);
    }
  else
    {
      const GfMapArea *district = gf_map_data_get_district (data);

      rect = district != NULL && district->n_rings > 0 ? district->bounds
                                                       : gf_map_data_get_bounds (data);
    }

  if (rect.x1 <= rect.x0 || rect.y1 <= rect.y0)
    {
      page->message = g_strdup (_("The district has no boundaries or villages on the map yet"));
      return;
    }

  if (code == NULL)
    {
      page->style = gf_map_style_new_by_cluster (data);
      page->years = self->last_year != 0
                    ? gf_chart_format_years (self->last_year, self->last_year) : NULL;
      page->as_of = TRUE;
      if (page->subtitle == NULL)
        page->subtitle = g_strdup (_("Villages by cluster in the current layout"));
    }
  else
    {
      g_autofree char *years = NULL;

      page->years = gf_chart_format_years (year, year);
      if (self->first_year == 0 || year < self->first_year || year > self->last_year)
        {
          years = overall_years (self);
          /* Translators: the first %d is a year, the %s the years with data */
          page->message = g_strdup_printf (_("There is no data for %d: the data covers %s"),
                                           year, years);
          return;
        }

      aggregator = gf_aggregator_new (self->db, gf_map_data_get_layout_id (data), &error);
      if (aggregator != NULL)
        page->style = gf_map_style_new_for_indicator (data, aggregator, code, year,
                                                      slide->classify, slide->n_classes,
                                                      NULL, 0, &error);
      if (page->style == NULL)
        {
          const char *name = indicator_name (self, code);

          /* The benchmark was removed after the slide was made. */
          if (g_error_matches (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_CLASSES)
              && slide->classify == GF_MAP_CLASSIFY_THRESHOLDS)
            /* Translators: %s is an indicator name */
            page->message = g_strdup_printf (_("The indicator “%s” has no benchmark to class "
                                               "the villages by: choose quantiles or equal "
                                               "intervals"),
                                             name != NULL ? name : code);
          else
            page->message = g_strdup (error->message);
          return;
        }
      if (isnan (gf_map_style_get_classification (page->style)->min))
        {
          const char *name = indicator_name (self, code);

          /* Translators: the first %s is an indicator name, %d a year */
          page->message = g_strdup_printf (_("No village reported “%s” in %d"),
                                           name != NULL ? name : code, year);
          g_clear_pointer (&page->style, gf_map_style_unref);
          return;
        }
      g_clear_pointer (&page->subtitle, g_free);
      /* Translators: a map subtitle; %d is a year */
      page->subtitle = g_strdup_printf (_("By village · %d"), year);
    }

  page->layers = slide->layers;
  layout_legend (data, page, &rect);
  map_w = GF_BRIEFING_WIDTH - 2 * MARGIN_X
          - (page->legend_width > 0 ? page->legend_width + LEGEND_GAP : 0);
  body_h = BODY_BOTTOM - BODY_Y;
  gf_map_view_init_fit (&page->view, &rect, map_w / MAP_SCALE, body_h / MAP_SCALE, 12);
}

/**
 * gf_briefing_renderer_prepare:
 * @page: 0 for the title page, 1 + n for slide n
 *
 * Queries what the page shows (series, map colours) and lays it out, once. Rendering a page
 * prepares it when needed; a widget prepares pages before it draws, so that it never queries
 * the database while drawing.
 */
void
gf_briefing_renderer_prepare (GfBriefingRenderer *self,
                              guint               page)
{
  Page *p;
  const GfSlide *slide;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);

  p = &self->pages[page];
  if (p->prepared)
    return;
  p->prepared = TRUE;

  if (page == 0)
    {
      p->years = overall_years (self);
      return;
    }

  slide = g_ptr_array_index (self->briefing->slides, page - 1);
  if (slide->kind == GF_SLIDE_CHART)
    prepare_chart (self, p, slide);
  else if (slide->kind == GF_SLIDE_LEADERBOARD)
    prepare_leaderboard (self, p, slide);
  else
    prepare_map (self, p, slide);

  if (p->years == NULL)
    p->years = overall_years (self);
}

/**
 * gf_briefing_renderer_get_title:
 *
 * Returns: (transfer none): the title of @page (page 0: the briefing's name)
 */
const char *
gf_briefing_renderer_get_title (GfBriefingRenderer *self,
                                guint               page)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);

  return self->pages[page].title;
}

/**
 * gf_briefing_renderer_get_message:
 *
 * Prepares @page when needed.
 *
 * Returns: (transfer none) (nullable): the sentence the page shows instead of its chart or
 *   map (no data, an unknown indicator, a deleted cluster, …), or %NULL when it draws one
 */
const char *
gf_briefing_renderer_get_message (GfBriefingRenderer *self,
                                  guint               page)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);

  gf_briefing_renderer_prepare (self, page);
  return self->pages[page].message;
}

/**
 * gf_briefing_renderer_get_years:
 *
 * Prepares @page when needed.
 *
 * Returns: (transfer none): the year or years the page's footer names
 */
const char *
gf_briefing_renderer_get_years (GfBriefingRenderer *self,
                                guint               page)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (page < self->n_pages, NULL);

  gf_briefing_renderer_prepare (self, page);
  return self->pages[page].years;
}

/* Drawing pages */

static void
draw_footer (GfBriefingRenderer    *self,
             guint                  page,
             cairo_t               *cr,
             GfBriefingRenderFlags  flags)
{
  const Page *p = &self->pages[page];
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;
  double right_w;

  if (flags & GF_BRIEFING_RENDER_PAGE_NUMBER)
    /* Translators: the right of a page footer: the district's name, the page and the pages */
    right_text = g_strdup_printf (_("%s · page %u of %u"), self->district_name, page + 1,
                                  self->n_pages);
  else
    right_text = g_strdup (self->district_name);

  if (p->as_of)
    /* Translators: a page footer: the data source, and the last year with data */
    left_text = g_strdup_printf (_("Source: %s · Data up to %s"), self->source, p->years);
  else
    /* Translators: a page footer: the data source, and the year or years shown */
    left_text = g_strdup_printf (_("Source: %s · Years: %s"), self->source, p->years);

  cairo_save (cr);
  set_rgb (cr, COLOR_RULE);
  cairo_rectangle (cr, MARGIN_X, RULE_Y, GF_BRIEFING_WIDTH - 2 * MARGIN_X, 1.5);
  cairo_fill (cr);
  cairo_restore (cr);

  right = new_text (self, right_text, FOOTER_SIZE, FALSE, -1, FALSE);
  right_w = text_width (right);
  show_text (cr, right, GF_BRIEFING_WIDTH - MARGIN_X - right_w, FOOTER_Y, COLOR_SECONDARY);

  left = new_text (self, left_text, FOOTER_SIZE, FALSE,
                   GF_BRIEFING_WIDTH - 2 * MARGIN_X - right_w - 32, FALSE);
  show_text (cr, left, MARGIN_X, FOOTER_Y, COLOR_SECONDARY);
}

static void
draw_accent (cairo_t *cr)
{
  cairo_save (cr);
  set_rgb (cr, COLOR_ACCENT);
  cairo_rectangle (cr, 0, 0, GF_BRIEFING_WIDTH, ACCENT_HEIGHT);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_message (GfBriefingRenderer *self,
              cairo_t            *cr,
              const char         *message)
{
  g_autoptr(PangoLayout) layout = NULL;
  double width = (GF_BRIEFING_WIDTH - 2 * MARGIN_X) * 0.8;
  double height;

  layout = new_text (self, message, MESSAGE_SIZE, FALSE, width, TRUE);
  height = text_height (layout);

  cairo_save (cr);
  set_rgb (cr, 0xF4F4F2);
  cairo_rectangle (cr, MARGIN_X, BODY_Y, GF_BRIEFING_WIDTH - 2 * MARGIN_X, BODY_BOTTOM - BODY_Y);
  cairo_fill (cr);
  cairo_restore (cr);

  show_text (cr, layout, (GF_BRIEFING_WIDTH - width) / 2,
             BODY_Y + (BODY_BOTTOM - BODY_Y - height) / 2, COLOR_SECONDARY);
}

static void
draw_map (GfBriefingRenderer *self,
          const Page         *p,
          cairo_t            *cr)
{
  double body_w = GF_BRIEFING_WIDTH - 2 * MARGIN_X;

  cairo_save (cr);
  cairo_translate (cr, MARGIN_X, BODY_Y);
  cairo_scale (cr, MAP_SCALE, MAP_SCALE);
  gf_map_render (self->map_data, p->style, &p->view, p->layers, cr);
  gf_map_render_scale_bar (&p->view, cr, 6, p->view.height - 10, MIN (160, p->view.width / 4));
  cairo_restore (cr);

  for (guint i = 0; i < p->n_legends; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN_X + body_w - p->legend_width, BODY_Y);
      cairo_scale (cr, p->legend_scale, p->legend_scale);
      gf_map_render_legend (self->map_data, p->style, p->legend_layers[i], cr, p->legend_x[i],
                            0);
      cairo_restore (cr);
    }
}

/**
 * gf_briefing_render_title_page:
 *
 * Draws the title page: the district, the briefing's name, the date and (for the sample
 * district) a note that the data are invented. See gf_briefing_render_page().
 */
void
gf_briefing_render_title_page (GfBriefingRenderer    *self,
                               cairo_t               *cr,
                               double                 width,
                               double                 height,
                               GfBriefingRenderFlags  flags)
{
  gf_briefing_render_page (self, 0, cr, width, height, flags);
}

static void
draw_title_page (GfBriefingRenderer    *self,
                 cairo_t               *cr,
                 GfBriefingRenderFlags  flags)
{
  g_autoptr(PangoLayout) district = NULL;
  g_autoptr(PangoLayout) name = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autofree char *date_text = NULL;
  double width = GF_BRIEFING_WIDTH - 4 * MARGIN_X;
  double y;

  draw_accent (cr);

  /* Translators: the date on the title page of a briefing, in g_date_time_format() syntax;
   * Chinese writes %Y年%-m月%-d日 */
  date_text = g_date_time_format (self->date, _("%-d %B %Y"));

  district = new_text (self, self->district_name, 34, FALSE, width, TRUE);
  name = new_text (self, self->briefing->name, 60, TRUE, width, TRUE);
  date = new_text (self, date_text, 28, FALSE, width, TRUE);

  y = 190;
  show_text (cr, district, 2 * MARGIN_X, y, COLOR_SECONDARY);
  y += text_height (district) + 24;
  show_text (cr, name, 2 * MARGIN_X, y, COLOR_INK);
  y += text_height (name) + 28;

  cairo_save (cr);
  set_rgb (cr, COLOR_ACCENT);
  cairo_rectangle (cr, (GF_BRIEFING_WIDTH - 120) / 2, y, 120, 4);
  cairo_fill (cr);
  cairo_restore (cr);
  y += 4 + 36;

  show_text (cr, date, 2 * MARGIN_X, y, COLOR_SECONDARY);
  y += text_height (date) + 28;

  if (self->is_sample)
    {
      g_autoptr(PangoLayout) note = NULL;

      note = new_text (self, _("Sample district: every figure in this briefing is invented"),
                       22, FALSE, width, TRUE);
      show_text (cr, note, 2 * MARGIN_X, MAX (y, 520), COLOR_ACCENT);
    }

  draw_footer (self, 0, cr, flags);
}

/**
 * gf_briefing_render_page:
 * @page: 0 for the title page, 1 + n for slide n
 * @cr: any cairo target: a widget's snapshot, an image, a PDF page
 * @width: the width of the area to draw in, from (0, 0) of @cr's user space
 * @height: its height
 * @flags: #GfBriefingRenderFlags
 *
 * Draws a page on the fixed 16:9 canvas, scaled to the largest box that fits @width × @height
 * and centred in it; the rest is left alone (a presenter paints it black). The page is
 * prepared first when it was not.
 */
void
gf_briefing_render_page (GfBriefingRenderer    *self,
                         guint                  page,
                         cairo_t               *cr,
                         double                 width,
                         double                 height,
                         GfBriefingRenderFlags  flags)
{
  const Page *p;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  gf_briefing_renderer_prepare (self, page);
  p = &self->pages[page];

  cairo_save (cr);
  enter_canvas (cr, width, height);

  if (page == 0)
    {
      draw_title_page (self, cr, flags);
      cairo_restore (cr);
      return;
    }

  draw_accent (cr);
  {
    g_autoptr(PangoLayout) title = NULL;

    title = new_text (self, p->title, TITLE_SIZE, TRUE, GF_BRIEFING_WIDTH - 2 * MARGIN_X, FALSE);
    show_text (cr, title, MARGIN_X, TITLE_Y, COLOR_INK);
  }
  if (p->subtitle != NULL)
    {
      g_autoptr(PangoLayout) subtitle = NULL;

      subtitle = new_text (self, p->subtitle, SUBTITLE_SIZE, FALSE,
                           GF_BRIEFING_WIDTH - 2 * MARGIN_X, FALSE);
      /* A long subtitle (a ranking's rules) takes a smaller size before it loses its end. */
      if (pango_layout_is_ellipsized (subtitle))
        {
          g_clear_object (&subtitle);
          subtitle = new_text (self, p->subtitle, SUBTITLE_SIZE * 0.78, FALSE,
                               GF_BRIEFING_WIDTH - 2 * MARGIN_X, FALSE);
        }
      show_text (cr, subtitle, MARGIN_X, SUBTITLE_Y, COLOR_SECONDARY);
    }

  if (p->message != NULL)
    draw_message (self, cr, p->message);
  else if (p->layout != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN_X, BODY_Y);
      gf_chart_render (p->layout, p->spec, cr);
      cairo_restore (cr);
    }
  else if (p->style != NULL)
    draw_map (self, p, cr);

  draw_footer (self, page, cr, flags);
  cairo_restore (cr);
}

/**
 * gf_briefing_render_slide:
 * @slide: the slide's index in the briefing
 *
 * gf_briefing_render_page() for page @slide + 1.
 */
void
gf_briefing_render_slide (GfBriefingRenderer    *self,
                          guint                  slide,
                          cairo_t               *cr,
                          double                 width,
                          double                 height,
                          GfBriefingRenderFlags  flags)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (slide + 1 < self->n_pages);

  gf_briefing_render_page (self, slide + 1, cr, width, height, flags);
}

/* The handout */

static gboolean
surface_ok (cairo_surface_t  *surface,
            const char       *path,
            GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_IO, _("Could not write “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

/**
 * gf_briefing_export_pdf:
 * @db: the database, used by this thread alone during the call
 * @briefing: the briefing
 * @path: (type filename): the PDF to write
 * @progress: (nullable): called after each page, on this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the handout: a title page and one 960 × 540 pt page per slide, each with the data
 * source, the years and its number in the footer, a bookmark per page and the briefing's name
 * as the document title. The map data is loaded once. The file is written whole or not at all
 * (gf_output_write()): a failure or a cancel leaves nothing behind and an existing file
 * untouched. It takes a second or so: call it from a worker thread.
 *
 * Returns: %TRUE when @path was written
 */
typedef struct
{
  GfBriefingRenderer *renderer;
  const GfBriefing   *briefing;
  GfProgressFunc      progress;
  gpointer            progress_data;
  GCancellable       *cancellable;
} HandoutJob;

static gboolean
write_handout (const char  *path,
               gpointer     user_data,
               GError     **error)
{
  HandoutJob *job = user_data;
  GfBriefingRenderer *renderer = job->renderer;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;

  surface = cairo_pdf_surface_create (path, GF_BRIEFING_PAGE_WIDTH, GF_BRIEFING_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->briefing->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, renderer->district_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongfu Atlas");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint page = 0; page < renderer->n_pages && ok; page++)
    {
      g_autofree char *link = g_strdup_printf ("page=%u", page + 1);
      g_autofree char *label = NULL;

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        {
          ok = FALSE;
          break;
        }

      if (page == 0)
        label = g_strdup (renderer->pages[0].title);
      else
        /* Translators: a bookmark of a handout: the slide's number and title */
        label = g_strdup_printf (_("%u. %s"), page, renderer->pages[page].title);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, label, link, 0);

      gf_briefing_render_page (renderer, page, cr, GF_BRIEFING_PAGE_WIDTH,
                               GF_BRIEFING_PAGE_HEIGHT, GF_BRIEFING_RENDER_PAGE_NUMBER);
      cairo_show_page (cr);
      ok = surface_ok (surface, path, error);

      if (ok && job->progress != NULL)
        job->progress ((double) (page + 1) / renderer->n_pages, job->progress_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = ok && surface_ok (surface, path, error);
  cairo_surface_destroy (surface);

  return ok;
}

gboolean
gf_briefing_export_pdf (GfDatabase        *db,
                        const GfBriefing  *briefing,
                        const char        *path,
                        GfProgressFunc     progress,
                        gpointer           progress_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GfBriefingRenderer) renderer = NULL;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (briefing != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  renderer = gf_briefing_renderer_new (db, briefing, error);
  if (renderer == NULL)
    return FALSE;

  return gf_output_write (path, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_IO, write_handout,
                          &(HandoutJob) { .renderer = renderer, .briefing = briefing,
                                          .progress = progress, .progress_data = progress_data,
                                          .cancellable = cancellable },
                          error);
}
