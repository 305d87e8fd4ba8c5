/* gf-test-ui.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the UI tests share: starting GTK and libadwaita, a temporary database with the sample
 * district, the real window on it, and running the main loop until something holds.
 */

#pragma once

#include <adwaita.h>

#include "gf-chart-card.h"
#include "gf-charts-page.h"
#include "gf-map-view.h"
#include "gf-window.h"

G_BEGIN_DECLS

typedef gboolean (*GfTestUiCondition) (gpointer data);

/* A fixture for g_test_add(): the window on a temporary sample database, showing the Charts
 * view with every card computed. */
typedef struct
{
  char         *dir;
  GfDatabase   *db;
  GfWindow     *window;
  GfChartsPage *page;
} GfTestUiCharts;

void        gf_test_ui_init             (int                 *argc,
                                         char              ***argv);

void        gf_test_ui_spin_until       (GfTestUiCondition    condition,
                                         gpointer             data,
                                         guint                timeout_ms,
                                         const char          *what);
void        gf_test_ui_spin_for         (guint                ms);

gboolean    gf_test_ui_is_mapped        (gpointer             widget);
gboolean    gf_test_ui_is_null          (gpointer             pointer_location);

gpointer    gf_test_ui_template_child   (gpointer             widget,
                                         GType                type,
                                         const char          *name);

GfDatabase *gf_test_ui_open_database    (const char          *tmpl,
                                         gboolean             sample,
                                         char               **out_dir,
                                         char               **out_path);
void        gf_test_ui_close_database   (GfDatabase          *db,
                                         const char          *dir);

GfWindow   *gf_test_ui_new_window       (GfDatabase          *db,
                                         gboolean             first_run,
                                         int                  width,
                                         int                  height);
gpointer    gf_test_ui_show_view        (GfWindow            *window,
                                         const char          *view,
                                         const char          *page_name);
void        gf_test_ui_destroy_window   (GfWindow            *window);
void        gf_test_ui_wait_for_summary (GfWindow            *window);

void        gf_test_ui_reset_chart_settings (void);
void        gf_test_ui_charts_set_up    (GfTestUiCharts      *charts,
                                         gconstpointer        user_data);
void        gf_test_ui_charts_tear_down (GfTestUiCharts      *charts,
                                         gconstpointer        user_data);
GfChartCard *gf_test_ui_chart_card      (GfTestUiCharts      *charts,
                                         const char          *name);
gpointer    gf_test_ui_find_descendant  (GtkWidget           *widget,
                                         GType                type);
void        gf_test_ui_click_map        (GfMapView           *view,
                                         double               x0,
                                         double               y0,
                                         double               x1,
                                         double               y1);

G_END_DECLS
