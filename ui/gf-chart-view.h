/* gf-chart-view.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-chart-layout.h"

G_BEGIN_DECLS

#define GF_TYPE_CHART_VIEW (gf_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (GfChartView, gf_chart_view, GF, CHART_VIEW, GtkWidget)

GtkWidget           *gf_chart_view_new                   (void);
void                 gf_chart_view_set_spec              (GfChartView       *self,
                                                          const GfChartSpec *spec);
const GfChartSpec   *gf_chart_view_get_spec              (GfChartView       *self);
const GfChartLayout *gf_chart_view_get_layout            (GfChartView       *self);
gboolean             gf_chart_view_get_show_titles       (GfChartView       *self);
void                 gf_chart_view_set_show_titles       (GfChartView       *self,
                                                          gboolean           show_titles);
gboolean             gf_chart_view_get_high_contrast     (GfChartView       *self);
void                 gf_chart_view_set_high_contrast     (GfChartView       *self,
                                                          gboolean           high_contrast);
double               gf_chart_view_get_font_scale        (GfChartView       *self);
void                 gf_chart_view_set_font_scale        (GfChartView       *self,
                                                          double             font_scale);
int                  gf_chart_view_get_highlighted       (GfChartView       *self);
void                 gf_chart_view_set_highlighted       (GfChartView       *self,
                                                          int                category);
int                  gf_chart_view_highlight_at          (GfChartView       *self,
                                                          double             x,
                                                          double             y);

G_END_DECLS
