/* gf-charts-page.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-chart-spec.h"
#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_CHARTS_PAGE (gf_charts_page_get_type ())

G_DECLARE_FINAL_TYPE (GfChartsPage, gf_charts_page, GF, CHARTS_PAGE, GtkWidget)

void           gf_charts_page_set_summary (GfChartsPage    *self,
                                           const GfSummary *summary);
gboolean       gf_charts_page_compare     (GfChartsPage    *self,
                                           GfChartSubject   subject,
                                           gint64           id);
GfChartSubject gf_charts_page_get_subject (GfChartsPage    *self);

G_END_DECLS
