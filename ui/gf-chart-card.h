/* gf-chart-card.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gf-briefing.h"
#include "gf-chart-layout.h"
#include "gf-chart-view.h"

G_BEGIN_DECLS

#define GF_TYPE_CHART_CARD (gf_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (GfChartCard, gf_chart_card, GF, CHART_CARD, GtkWidget)

GtkWidget         *gf_chart_card_new                 (void);
void               gf_chart_card_set_chart           (GfChartCard       *self,
                                                      const GfChartSpec *spec,
                                                      const char        *category_header,
                                                      const char        *file_stem);
void               gf_chart_card_copy_chart          (GfChartCard       *self,
                                                      GfChartCard       *source);
void               gf_chart_card_set_slide           (GfChartCard       *self,
                                                      const GfSlide     *slide);
const GfSlide     *gf_chart_card_get_slide           (GfChartCard       *self);
const GfChartSpec *gf_chart_card_get_spec            (GfChartCard       *self);
const char        *gf_chart_card_get_category_header (GfChartCard       *self);
const char        *gf_chart_card_get_file_stem       (GfChartCard       *self);
GfChartView       *gf_chart_card_get_view            (GfChartCard       *self);
GtkColumnView     *gf_chart_card_get_table           (GfChartCard       *self);
void               gf_chart_card_set_title_widget    (GfChartCard       *self,
                                                      GtkWidget         *widget);
gboolean           gf_chart_card_get_large           (GfChartCard       *self);
void               gf_chart_card_set_large           (GfChartCard       *self,
                                                      gboolean           large);
gboolean           gf_chart_card_get_show_table      (GfChartCard       *self);
void               gf_chart_card_set_show_table      (GfChartCard       *self,
                                                      gboolean           show_table);
gboolean           gf_chart_card_get_has_data        (GfChartCard       *self);
char              *gf_chart_card_format_value        (GfChartCard       *self,
                                                      guint              series,
                                                      guint              category);

G_END_DECLS
