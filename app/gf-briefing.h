/* gf-briefing.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "gf-chart-layout.h"
#include "gf-chart-spec.h"
#include "gf-database.h"
#include "gf-import.h"
#include "gf-map-data.h"
#include "gf-map-style.h"

G_BEGIN_DECLS

#define GF_BRIEFING_ERROR (gf_briefing_error_quark ())

/**
 * GfBriefingError:
 * @GF_BRIEFING_ERROR_NOT_FOUND: no briefing or slide has that name or id
 * @GF_BRIEFING_ERROR_EXISTS: another briefing has that name
 * @GF_BRIEFING_ERROR_INVALID: an empty name, or a slide that names an unknown indicator,
 *   cluster or village, impossible years or classes, or several indicators where one fits
 * @GF_BRIEFING_ERROR_IO: the handout could not be written
 *
 * Errors of briefings. The messages are sentences for the user.
 */
typedef enum
{
  GF_BRIEFING_ERROR_NOT_FOUND,
  GF_BRIEFING_ERROR_EXISTS,
  GF_BRIEFING_ERROR_INVALID,
  GF_BRIEFING_ERROR_IO,
} GfBriefingError;

/**
 * GfSlideKind:
 * @GF_SLIDE_CHART: a chart of an indicator over clusters and years
 * @GF_SLIDE_MAP: a map of the district or of one cluster
 * @GF_SLIDE_LEADERBOARD: the ranking of the clusters in the competition (比拼晾晒) of a year
 */
typedef enum
{
  GF_SLIDE_CHART,
  GF_SLIDE_MAP,
  GF_SLIDE_LEADERBOARD,
} GfSlideKind;

/**
 * GfSlideFit:
 * @GF_SLIDE_FIT_DISTRICT: the map shows the whole district
 * @GF_SLIDE_FIT_CLUSTER: the map shows one cluster (#GfSlide.fit_cluster_id)
 */
typedef enum
{
  GF_SLIDE_FIT_DISTRICT,
  GF_SLIDE_FIT_CLUSTER,
} GfSlideFit;

/**
 * GfSlide:
 * @id: the row id, 0 before it is stored
 * @kind: chart or map
 * @title: (nullable): the title; %NULL makes one from the content
 * @chart_kind: charts: the kind of chart
 * @indicators: (array zero-terminated=1) (nullable): charts: the indicators' codes, one or
 *   more (see #GfChartRequest); maps: %NULL to colour the villages by cluster, or the one
 *   indicator that colours them
 * @subject: charts: clusters or villages
 * @subject_ids: (array length=n_subjects) (nullable): charts: the clusters or villages,
 *   %NULL for every cluster of the current layout
 * @n_subjects: the number of @subject_ids
 * @first_year: charts: the first year, 0 for the first with data
 * @last_year: the last year (maps coloured by an indicator: the year), 0 for the last with
 *   data
 * @fit: maps: what the map shows
 * @fit_cluster_id: maps with %GF_SLIDE_FIT_CLUSTER: the cluster
 * @layers: maps: #GfMapLayers
 * @classify: maps coloured by an indicator: how the values are classed
 * @n_classes: maps coloured by an indicator: how many classes, 0 for the default (5); the
 *   benchmark thresholds make their own
 *
 * One slide: what to show, never the numbers, so that it shows the data as they are when it
 * is presented.
 */
typedef struct
{
  gint64               id;
  GfSlideKind          kind;
  char                *title;
  GfChartKind          chart_kind;
  char               **indicators;
  GfChartSubject       subject;
  gint64              *subject_ids;
  guint                n_subjects;
  int                  first_year;
  int                  last_year;
  GfSlideFit           fit;
  gint64               fit_cluster_id;
  guint                layers;
  GfMapClassifyMethod  classify;
  guint                n_classes;
} GfSlide;

/**
 * GfBriefing:
 * @id: the row id
 * @name: the name, unique in the database
 * @source: (nullable): the data source named on every page; %NULL names the district's own
 *   village statistics
 * @created_at: when it was created, ISO 8601 in UTC
 * @updated_at: when it or its slides last changed
 * @slides: (element-type GfSlide): the slides, in order
 *
 * A briefing (汇报): slides that a leader presents full screen or hands out as a PDF.
 */
typedef struct
{
  gint64     id;
  char      *name;
  char      *source;
  char      *created_at;
  char      *updated_at;
  GPtrArray *slides;
} GfBriefing;

/* The slide canvas, in its own units: 16:9, and as wide as an HD screen is in pixels, so that
 * the chart engine's and the map's sizes (made for screens) mean the same on a slide. A PDF
 * page is 960 × 540 pt (13.33 × 7.5 in, a 16:9 presentation page). */
#define GF_BRIEFING_WIDTH      1280.0
#define GF_BRIEFING_HEIGHT     720.0
#define GF_BRIEFING_PAGE_WIDTH  960.0
#define GF_BRIEFING_PAGE_HEIGHT 540.0
/* Charts on slides are read from across a meeting room. */
#define GF_BRIEFING_FONT_SCALE 1.7

/**
 * GfBriefingRenderFlags:
 * @GF_BRIEFING_RENDER_DEFAULT: the page as presented
 * @GF_BRIEFING_RENDER_PAGE_NUMBER: write "page / pages" in the footer (handouts; the
 *   presenter shows its own counter)
 */
typedef enum
{
  GF_BRIEFING_RENDER_DEFAULT     = 0,
  GF_BRIEFING_RENDER_PAGE_NUMBER = 1 << 0,
} GfBriefingRenderFlags;

typedef struct _GfBriefingRenderer GfBriefingRenderer;

GQuark              gf_briefing_error_quark          (void);

GfSlide            *gf_slide_new_chart               (const GfChartRequest  *request,
                                                      const char            *title);
GfSlide            *gf_slide_new_map                 (GfSlideFit             fit,
                                                      gint64                 fit_cluster_id,
                                                      const char            *indicator,
                                                      int                    year,
                                                      guint                  layers,
                                                      GfMapClassifyMethod    classify,
                                                      guint                  n_classes,
                                                      const char            *title);
GfSlide            *gf_slide_new_leaderboard         (int                    year,
                                                      const char            *title);
void                gf_slide_get_request             (const GfSlide         *slide,
                                                      GfChartRequest        *request);
GfSlide            *gf_slide_copy                    (const GfSlide         *slide);
void                gf_slide_free                    (GfSlide               *slide);
char               *gf_slide_describe                (const GfSlide         *slide);

GfBriefing         *gf_briefing_new                  (const char            *name);
char               *gf_briefing_default_source       (const char            *district_name,
                                                      gboolean               is_sample);
void                gf_briefing_free                 (GfBriefing            *briefing);

/* The store: gf-store-briefing.c. Each write is one transaction. */
GPtrArray          *gf_store_list_briefings          (GfDatabase            *db,
                                                      GError               **error);
GfBriefing         *gf_store_get_briefing            (GfDatabase            *db,
                                                      gint64                 id,
                                                      GError               **error);
GfBriefing         *gf_store_find_briefing           (GfDatabase            *db,
                                                      const char            *name,
                                                      GError               **error);
gboolean            gf_store_create_briefing         (GfDatabase            *db,
                                                      const char            *name,
                                                      const char            *source,
                                                      gint64                *out_id,
                                                      GError               **error);
gboolean            gf_store_rename_briefing         (GfDatabase            *db,
                                                      gint64                 id,
                                                      const char            *name,
                                                      GError               **error);
gboolean            gf_store_set_briefing_source     (GfDatabase            *db,
                                                      gint64                 id,
                                                      const char            *source,
                                                      GError               **error);
gboolean            gf_store_delete_briefing         (GfDatabase            *db,
                                                      gint64                 id,
                                                      GError               **error);
gboolean            gf_store_add_slide               (GfDatabase            *db,
                                                      gint64                 briefing_id,
                                                      const GfSlide         *slide,
                                                      int                    position,
                                                      gint64                *out_id,
                                                      GError               **error);
gboolean            gf_store_move_slide              (GfDatabase            *db,
                                                      gint64                 slide_id,
                                                      guint                  position,
                                                      GError               **error);
gboolean            gf_store_remove_slide            (GfDatabase            *db,
                                                      gint64                 slide_id,
                                                      GError               **error);

/* Rendering */
GfBriefingRenderer *gf_briefing_renderer_new         (GfDatabase            *db,
                                                      const GfBriefing      *briefing,
                                                      GError               **error);
void                gf_briefing_renderer_free        (GfBriefingRenderer    *self);
void                gf_briefing_renderer_set_date    (GfBriefingRenderer    *self,
                                                      GDateTime             *date);
guint               gf_briefing_renderer_get_n_pages (GfBriefingRenderer    *self);
void                gf_briefing_renderer_prepare     (GfBriefingRenderer    *self,
                                                      guint                  page);
const char         *gf_briefing_renderer_get_title   (GfBriefingRenderer    *self,
                                                      guint                  page);
const char         *gf_briefing_renderer_get_message (GfBriefingRenderer    *self,
                                                      guint                  page);
const char         *gf_briefing_renderer_get_years   (GfBriefingRenderer    *self,
                                                      guint                  page);
void                gf_briefing_render_page          (GfBriefingRenderer    *self,
                                                      guint                  page,
                                                      cairo_t               *cr,
                                                      double                 width,
                                                      double                 height,
                                                      GfBriefingRenderFlags  flags);
void                gf_briefing_render_title_page    (GfBriefingRenderer    *self,
                                                      cairo_t               *cr,
                                                      double                 width,
                                                      double                 height,
                                                      GfBriefingRenderFlags  flags);
void                gf_briefing_render_slide         (GfBriefingRenderer    *self,
                                                      guint                  slide,
                                                      cairo_t               *cr,
                                                      double                 width,
                                                      double                 height,
                                                      GfBriefingRenderFlags  flags);

gboolean            gf_briefing_export_pdf           (GfDatabase            *db,
                                                      const GfBriefing      *briefing,
                                                      const char            *path,
                                                      GfProgressFunc         progress,
                                                      gpointer               progress_data,
                                                      GCancellable          *cancellable,
                                                      GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSlide, gf_slide_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfBriefing, gf_briefing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfBriefingRenderer, gf_briefing_renderer_free)

G_END_DECLS
