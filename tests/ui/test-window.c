/* test-window.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real main window on a temporary database: the four views, the year selector, the banners,
 * the first-run page and loading the sample district through the worker thread.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gf-charts-page.h"
#include "gf-cluster-item.h"
#include "gf-leaderboard-page.h"
#include "gf-map-page.h"
#include "gf-records-page.h"
#include "gf-summary.h"
#include "gf-test-ui.h"
#include "gf-window.h"

typedef struct
{
  char       *dir;
  char       *path;
  GfDatabase *db;
} Fixture;

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  user_data)
{
  fixture->db = gf_test_ui_open_database ("gf-ui-XXXXXX", FALSE, &fixture->dir, &fixture->path);
}

static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  user_data)
{
  fixture->db = gf_test_ui_open_database ("gf-ui-XXXXXX", TRUE, &fixture->dir, &fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gf_test_ui_close_database (fixture->db, fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The template child @name of the page @page of @window. */
static gpointer
page_child (gpointer    window,
            const char *page,
            GType       type,
            const char *name)
{
  return gf_test_ui_template_child (gf_test_ui_template_child (window, GF_TYPE_WINDOW, page),
                                    type, name);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_window_views (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const struct {
    const char *name;
    GType     (*get_type) (void);
  } views[] = {
    { "charts", gf_charts_page_get_type },
    { "leaderboard", gf_leaderboard_page_get_type },
    { "records", gf_records_page_get_type },
    { "map", gf_map_page_get_type },
  };
  g_autoptr(GfSummary) summary = gf_summary_compute (fixture->db, 0, NULL);
  GfWindow *window;
  AdwViewStack *view_stack;
  GtkStack *main_stack;
  guint n_notify = 0;

  g_assert_nonnull (summary);
  g_assert_true (summary->is_sample);
  g_assert_cmpint (summary->n_clusters, >, 0);

  window = gf_test_ui_new_window (fixture->db, FALSE, 0, 0);
  main_stack = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "main_stack");
  view_stack = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "view_stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "views");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "map");

  g_signal_connect (view_stack, "notify::visible-child-name", G_CALLBACK (count_notify_cb),
                    &n_notify);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                 views[i].name));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, views[i].name);
      g_assert_cmpuint (n_notify, ==, i + 1);

      page = adw_view_stack_get_visible_child (view_stack);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, views[i].get_type ()));
      gf_test_ui_spin_until (gf_test_ui_is_mapped, page, 5000, views[i].name);
    }

  /* Each view shows its content, not its empty state. */
  {
    GtkStack *map_stack = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "stack");
    GtkListBox *clusters_list = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "clusters_list");
    GtkLabel *villages = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "villages_value");
    GtkStack *records_stack = page_child (window, "records_page", GF_TYPE_RECORDS_PAGE, "stack");
    GtkStack *charts_stack = page_child (window, "charts_page", GF_TYPE_CHARTS_PAGE, "stack");
    g_autofree char *n_villages = g_strdup_printf ("%" G_GINT64_FORMAT, summary->n_villages);
    guint n_rows = 0;

    g_assert_cmpstr (gtk_stack_get_visible_child_name (map_stack), ==, "summary");
    g_assert_cmpstr (gtk_label_get_label (villages), ==, n_villages);
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (clusters_list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      n_rows += ADW_IS_ACTION_ROW (row);
    g_assert_cmpuint (n_rows, ==, summary->n_clusters);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (records_stack), ==, "table");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (charts_stack), ==, "grid");
  }

  gf_test_ui_destroy_window (window);
}

static void
test_window_years (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GfSummary) summary = gf_summary_compute (fixture->db, 0, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gongfuatlas.Atlas");
  GfWindow *window;
  GtkDropDown *dropdown;
  GListModel *years;
  guint n_years;

  g_settings_set_int (settings, "year", 0);

  window = gf_test_ui_new_window (fixture->db, FALSE, 0, 0);
  dropdown = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "year_dropdown");
  years = gtk_drop_down_get_model (dropdown);
  n_years = summary->last_year - summary->first_year + 1;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (summary->first_year, >, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (years), ==, n_years);
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", summary->last_year - (int) i);

      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (years), i), ==, year);
    }

  /* The latest year is selected by default; picking another stores it. */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);

  if (n_years > 1)
    {
      /* The summary of another year is read in a worker: the window says so meanwhile and
       * keeps showing the year it has. */
      gtk_drop_down_set_selected (dropdown, 1);
      g_assert_true (gf_window_is_loading (window));
      g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);
      gf_test_ui_wait_for_summary (window);
      g_assert_false (gf_window_is_loading (window));
      g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year - 1);
      g_assert_cmpint (g_settings_get_int (settings, "year"), ==, summary->last_year - 1);
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);

      gtk_drop_down_set_selected (dropdown, 0);
      gf_test_ui_wait_for_summary (window);
      g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);
      g_assert_cmpint (g_settings_get_int (settings, "year"), ==, 0);
    }

  gf_test_ui_destroy_window (window);
}

/* Whether @widget or one of its descendants is a label saying @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

/* The rows of the map's cluster list, in order. */
static GPtrArray *
list_cluster_rows (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, row);

  return rows;
}

static GtkWidget *
find_cluster_row (GPtrArray  *rows,
                  const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), name) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static char *
dup_item_string (GListModel *model,
                 guint       position,
                 const char *property)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  char *text = NULL;

  g_object_get (item, property, &text, NULL);
  return text;
}

/* A new year keeps the map's cluster rows and the table's items, and changes their figures.
 * The sample's 6 clusters keep their members; 粮仓's 7 villages reported a collective operating
 * income (business + contract + investment income, data/sample/observations.csv) of 1657.38
 * 万元 in 2025 and 1429.20 万元 in 2024; 云上's 5 villages, the least of the clusters in both
 * years, 1105.87 and 971.40 万元. */
static void
test_window_year_keeps_rows (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gongfuatlas.Atlas");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;
  g_autoptr(GObject) first_item = NULL;
  g_autoptr(GObject) first_item_after = NULL;
  g_autofree char *text = NULL;
  GfWindow *window;
  GtkDropDown *dropdown;
  GtkWidget *list;
  GtkWidget *row;
  GListModel *table;
  GtkColumnView *column_view;
  GtkColumnViewColumn *operating_column;
  guint n_notified = 0;

  g_settings_set_int (settings, "year", 0);
  window = gf_test_ui_new_window (fixture->db, FALSE, 0, 0);
  g_assert_cmpint (gf_window_get_year (window), ==, 2025);
  dropdown = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "year_dropdown");
  list = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "clusters_list");
  table = G_LIST_MODEL (page_child (window, "records_page", GF_TYPE_RECORDS_PAGE, "sort_model"));
  column_view = page_child (window, "records_page", GF_TYPE_RECORDS_PAGE, "column_view");
  operating_column = page_child (window, "records_page", GF_TYPE_RECORDS_PAGE,
                                 "operating_column");

  rows = list_cluster_rows (list);
  g_assert_cmpuint (rows->len, ==, 6);
  row = find_cluster_row (rows, "粮仓");
  g_assert_nonnull (row);
  g_assert_true (has_label (row, "1657 万元"));

  /* The table sorted by operating income, least first. */
  gtk_column_view_sort_by_column (column_view, operating_column, GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (table), ==, 6);
  first_item = g_list_model_get_item (table, 0);
  text = dup_item_string (table, 0, "name");
  g_assert_cmpstr (text, ==, "云上");
  g_clear_pointer (&text, g_free);
  text = dup_item_string (table, 0, "operating-income-text");
  g_assert_cmpstr (text, ==, "1106");
  g_clear_pointer (&text, g_free);
  g_signal_connect (first_item, "notify::operating-income-text", G_CALLBACK (count_notify_cb),
                    &n_notified);

  gtk_drop_down_set_selected (dropdown, 1);
  gf_test_ui_wait_for_summary (window);
  g_assert_cmpint (gf_window_get_year (window), ==, 2024);

  /* The same rows, in the same order, with the figures of 2024. */
  rows_after = list_cluster_rows (list);
  g_assert_cmpuint (rows_after->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_ptr_array_index (rows_after, i) == g_ptr_array_index (rows, i));
  g_assert_true (has_label (row, "1429 万元"));
  g_assert_false (has_label (row, "1657 万元"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "十里稻香 · 7 villages");

  /* The same items in the table, still sorted, notified once of their new figure. */
  g_assert_cmpuint (g_list_model_get_n_items (table), ==, 6);
  first_item_after = g_list_model_get_item (table, 0);
  g_assert_true (first_item_after == first_item);
  text = dup_item_string (table, 0, "operating-income-text");
  g_assert_cmpstr (text, ==, "971.4");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (n_notified, ==, 1);
  g_signal_handlers_disconnect_by_data (first_item, &n_notified);

  gf_test_ui_destroy_window (window);
}

static void
test_window_banners (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GfWindow *window = gf_test_ui_new_window (fixture->db, FALSE, 0, 0);
  GtkRevealer *sample = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "sample_revealer");
  GtkRevealer *read_only = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "read_only_revealer");

  g_assert_true (gtk_revealer_get_reveal_child (sample));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, sample, 5000, "the sample banner");
  g_assert_false (gtk_revealer_get_reveal_child (read_only));

  gf_test_ui_destroy_window (window);
}

static void
test_window_read_only (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GfWindow *window;
  GtkRevealer *read_only;
  GtkLabel *label;

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_read_only_reason (db), ==, GF_READ_ONLY_REQUESTED);

  window = gf_test_ui_new_window (db, TRUE, 0, 0);
  read_only = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "read_only_revealer");
  label = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "read_only_label");

  g_assert_true (gtk_revealer_get_reveal_child (read_only));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "read-only"));

  gf_test_ui_destroy_window (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_window_first_run (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GfWindow *window = gf_test_ui_new_window (fixture->db, TRUE, 0, 0);
  GtkStack *main_stack = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "main_stack");
  GtkWidget *load_sample = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "load_sample_button");
  GtkWidget *dropdown = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "year_dropdown");
  GtkStack *map_stack = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "welcome");
  g_assert_true (gtk_widget_get_sensitive (load_sample));
  g_assert_false (gtk_widget_get_visible (dropdown));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "views");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (map_stack), ==, "empty");

  gf_test_ui_destroy_window (window);
}

static gboolean
shows_sample (gpointer window)
{
  GtkStack *main_stack = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "main_stack");
  GtkRevealer *sample = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "sample_revealer");

  return g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "views") == 0
         && gtk_revealer_get_reveal_child (sample);
}

static void
test_window_load_sample (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GfWindow *window = gf_test_ui_new_window (fixture->db, TRUE, 0, 0);
  GtkStack *main_stack = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "main_stack");
  GtkLabel *villages = page_child (window, "map_page", GF_TYPE_MAP_PAGE, "villages_value");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "loading");

  gf_test_ui_spin_until (shows_sample, window, 60000, "the sample district to load");
  g_assert_cmpstr (gtk_label_get_label (villages), !=, "0");

  /* Let the toast and the transitions settle before the window goes. */
  gf_test_ui_spin_for (50);
  gf_test_ui_destroy_window (window);
}

/* A change of the database is summarized in a worker: the views keep the previous summary
 * until it is done, and a newer reload (another year, another change) supersedes an older
 * one, whose result is never shown. */
static void
test_window_reload (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GfSummary) summary = gf_summary_compute (fixture->db, 0, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gongfuatlas.Atlas");
  const char *columns[] = { "id", "code", "name" };
  GfStoreValue values[] = { { GF_STORE_INT, .i = 1 }, { GF_STORE_TEXT, .s = "339901" },
                            { GF_STORE_TEXT, .s = "新名区" } };
  g_autoptr(GError) error = NULL;
  AdwViewSwitcherTitle *title;
  GtkDropDown *dropdown;
  GfWindow *window;

  g_settings_set_int (settings, "year", 0);
  window = gf_test_ui_new_window (fixture->db, FALSE, 0, 0);
  title = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "switcher_title");
  dropdown = gf_test_ui_template_child (window, GF_TYPE_WINDOW, "year_dropdown");
  g_assert_false (gf_window_is_loading (window));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, summary->district_name);
  g_assert_cmpint (summary->last_year, >, summary->first_year);

  /* Renaming the district: the old name until the worker is done, then the new one. */
  g_assert_true (gf_database_begin (fixture->db, &error));
  g_assert_true (gf_store_upsert (fixture->db, "district", columns, values, 3, "id", NULL,
                                  &error));
  g_assert_true (gf_database_commit (fixture->db, "district", &error));
  g_assert_no_error (error);
  g_assert_true (gf_window_is_loading (window));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, summary->district_name);
  gf_test_ui_wait_for_summary (window);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "新名区");

  /* The year before the last, then at once the last again: the first reload is superseded,
   * and the window ends on the last year without ever showing the other. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (gf_window_is_loading (window));
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (gf_window_is_loading (window));
  g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);
  gf_test_ui_wait_for_summary (window);
  g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpint (g_settings_get_int (settings, "year"), ==, 0);
  /* Nothing comes late: the superseded worker's summary is dropped when it ends. */
  gf_test_ui_spin_for (200);
  g_assert_false (gf_window_is_loading (window));
  g_assert_cmpint (gf_window_get_year (window), ==, summary->last_year);

  gf_test_ui_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/window/views", Fixture, NULL,
              fixture_set_up_sample, test_window_views, fixture_tear_down);
  g_test_add ("/ui/window/years", Fixture, NULL,
              fixture_set_up_sample, test_window_years, fixture_tear_down);
  g_test_add ("/ui/window/year-keeps-rows", Fixture, NULL,
              fixture_set_up_sample, test_window_year_keeps_rows, fixture_tear_down);
  g_test_add ("/ui/window/reload", Fixture, NULL,
              fixture_set_up_sample, test_window_reload, fixture_tear_down);
  g_test_add ("/ui/window/banners", Fixture, NULL,
              fixture_set_up_sample, test_window_banners, fixture_tear_down);
  g_test_add ("/ui/window/read-only", Fixture, NULL,
              fixture_set_up_sample, test_window_read_only, fixture_tear_down);
  g_test_add ("/ui/window/first-run", Fixture, NULL,
              fixture_set_up_empty, test_window_first_run, fixture_tear_down);
  g_test_add ("/ui/window/load-sample", Fixture, NULL,
              fixture_set_up_empty, test_window_load_sample, fixture_tear_down);

  return g_test_run ();
}
