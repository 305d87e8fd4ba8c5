/* gf-test-ui.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "gf-sample.h"
#include "gf-test-ui.h"

/* Starts GTK for tests and libadwaita. */
void
gf_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* gtk_test_init leaves the C locale, under which Chinese prints as “?”. */
  setlocale (LC_ALL, "C.UTF-8");
}

/* Runs the main loop until @condition holds, failing after @timeout_ms. */
void
gf_test_ui_spin_until (GfTestUiCondition  condition,
                       gpointer           data,
                       guint              timeout_ms,
                       const char        *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Runs the main loop for @ms milliseconds. */
void
gf_test_ui_spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

gboolean
gf_test_ui_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
gf_test_ui_is_null (gpointer pointer_location)
{
  return *(gpointer *) pointer_location == NULL;
}

gpointer
gf_test_ui_template_child (gpointer    widget,
                           GType       type,
                           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* Opens district.sqlite in a new temporary directory named after @tmpl, with the sample
 * district loaded when @sample is set. */
GfDatabase *
gf_test_ui_open_database (const char  *tmpl,
                          gboolean     sample,
                          char       **out_dir,
                          char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GfDatabase *db;

  dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "district.sqlite", NULL);
  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (sample)
    {
      g_assert_true (gf_sample_load (db, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  *out_dir = g_steal_pointer (&dir);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return db;
}

/* Asserts that @db is finalized and removes the files of @dir, then @dir. */
void
gf_test_ui_close_database (GfDatabase *db,
                           const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_assert_finalize_object (db);

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A main window on @db, at @width × @height unless those are 0, presented and mapped. */
GfWindow *
gf_test_ui_new_window (GfDatabase *db,
                       gboolean    first_run,
                       int         width,
                       int         height)
{
  GfWindow *window = gf_window_new (NULL);

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gf_window_set_database (window, db, first_run);
  gtk_window_present (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, window, 10000, "the window to be mapped");

  return window;
}

static gboolean
summary_is_loaded (gpointer window)
{
  return !gf_window_is_loading (window);
}

/* Runs the main loop until @window has read the summary that a change of the database or
 * of the year asked for: the views show the new figures from then on. */
void
gf_test_ui_wait_for_summary (GfWindow *window)
{
  gf_test_ui_spin_until (summary_is_loaded, window, 10000, "the summary of the district");
}

/* Shows @view in @window, and returns its page, the template child @page_name, once mapped. */
gpointer
gf_test_ui_show_view (GfWindow   *window,
                      const char *view,
                      const char *page_name)
{
  g_autofree char *what = g_strdup_printf ("the %s page", view);
  gpointer page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view));
  page = gf_test_ui_template_child (window, GF_TYPE_WINDOW, page_name);
  gf_test_ui_spin_until (gf_test_ui_is_mapped, page, 5000, what);

  return page;
}

/* Destroys @window and waits for it to be finalized. */
void
gf_test_ui_destroy_window (GfWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the window to be finalized");
}

/* The charts follow the latest year, in their usual colours. */
void
gf_test_ui_reset_chart_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gongfuatlas.Atlas");

  g_settings_set_int (settings, "year", 0);
  g_settings_set_boolean (settings, "high-contrast-charts", FALSE);
}

/* The cards of the Charts view, which it fills from a worker thread. */
static const char * const chart_cards[] = {
  "trend_card", "ranking_card", "shares_card", "income_card", "growth_card", "land_card",
  "jobs_card", "markets_card", "finance_card",
};

/* The card @name, a template child of the Charts view. */
GfChartCard *
gf_test_ui_chart_card (GfTestUiCharts *charts,
                       const char     *name)
{
  return gf_test_ui_template_child (charts->page, GF_TYPE_CHARTS_PAGE, name);
}

static gboolean
chart_cards_filled (gpointer charts)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_cards); i++)
    if (gf_chart_card_get_spec (gf_test_ui_chart_card (charts, chart_cards[i])) == NULL)
      return FALSE;

  return TRUE;
}

/* Sets up @charts: the usual chart settings, the sample district in a temporary database, a
 * 1280 × 800 window on it, and its Charts view once every card has its chart. */
void
gf_test_ui_charts_set_up (GfTestUiCharts *charts,
                          gconstpointer   user_data)
{
  gf_test_ui_reset_chart_settings ();
  charts->db = gf_test_ui_open_database ("gf-charts-XXXXXX", TRUE, &charts->dir, NULL);
  charts->window = gf_test_ui_new_window (charts->db, FALSE, 1280, 800);
  charts->page = gf_test_ui_show_view (charts->window, "charts", "charts_page");
  gf_test_ui_spin_until (chart_cards_filled, charts, 10000, "the charts to be computed");
}

/* Destroys the window of @charts, then its database and directory. */
void
gf_test_ui_charts_tear_down (GfTestUiCharts *charts,
                             gconstpointer   user_data)
{
  gf_test_ui_destroy_window (charts->window);
  gf_test_ui_close_database (charts->db, charts->dir);
  g_free (charts->dir);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        return GTK_GESTURE (controller);
    }

  return NULL;
}

/* Emits what a primary click pressed at (x0, y0) and released at (x1, y1) makes the map's
 * click gesture emit: a move of more than 8 px first stops it, as a drag does. Widget
 * coordinates of the ShumateMap. */
void
gf_test_ui_click_map (GfMapView *view,
                      double     x0,
                      double     y0,
                      double     x1,
                      double     y1)
{
  GtkGesture *gesture = find_click_gesture (GTK_WIDGET (gf_map_view_get_map (view)));

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "pressed", 1, x0, y0);
  if (hypot (x1 - x0, y1 - y0) > 8)
    g_signal_emit_by_name (gesture, "stopped");
  g_signal_emit_by_name (gesture, "released", 1, x1, y1);
}

/**
 * gf_test_ui_find_descendant:
 *
 * Returns: (transfer none) (nullable): the first widget of @type in @widget's tree, @widget
 *   included, depth first
 */
gpointer
gf_test_ui_find_descendant (GtkWidget *widget,
                            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = gf_test_ui_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
