/* test-leaderboard.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Leaderboard view in the real main window on a temporary sample database: the rows are
 * gf_leaderboard_compute()'s ranking, their columns line up, a change of the database ranks
 * again without reopening, a superseded ranking is dropped, an in-memory database is ranked
 * too, and the empty states for a database without scoring rules and a year with nothing to
 * score.
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "gf-briefing-window.h"
#include "gf-database-private.h"
#include "gf-leaderboard.h"
#include "gf-leaderboard-page.h"
#include "gf-number-format.h"
#include "gf-sample.h"
#include "gf-store.h"
#include "gf-test-ui.h"
#include "gf-window.h"

typedef struct
{
  char              *dir;
  GfDatabase        *db;
  GfWindow          *window;
  GfLeaderboardPage *page;
} Fixture;

/* What the page shows and what the core computes, compared by text. */
typedef struct
{
  Fixture       *fixture;
  GfLeaderboard *board;
} Expectation;

static gboolean
page_is_idle (gpointer page)
{
  return !gf_leaderboard_page_is_updating (page);
}

static void
wait_for_page (Fixture *fixture)
{
  gf_test_ui_wait_for_summary (fixture->window);
  gf_test_ui_spin_until (page_is_idle, fixture->page, 10000, "the ranking");
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  gf_test_ui_reset_chart_settings ();
  fixture->db = gf_test_ui_open_database ("gf-leaderboard-XXXXXX", TRUE, &fixture->dir, NULL);
  fixture->window = gf_test_ui_new_window (fixture->db, FALSE, 1280, 800);
  fixture->page = gf_test_ui_show_view (fixture->window, "leaderboard", "leaderboard_page");
  wait_for_page (fixture);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  gf_test_ui_destroy_window (fixture->window);
  gf_test_ui_close_database (fixture->db, fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  return gf_test_ui_template_child (fixture->page, GF_TYPE_LEADERBOARD_PAGE, name);
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack")));
}

/* The first label of @widget's tree with the style class @name. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, name))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GPtrArray *
list_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (template_child (fixture, "list_box"));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

static const char *
cell_text (GtkWidget  *row,
           const char *name)
{
  GtkLabel *label = find_label (row, name);

  g_assert_nonnull (label);
  return gtk_label_get_label (label);
}

static GfLeaderboard *
compute_board (GfDatabase *db,
               int         year)
{
  g_autoptr(GError) error = NULL;
  gint64 layout_id = 0;
  GfLeaderboard *board;

  g_assert_true (gf_store_current_layout (db, &layout_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (layout_id, >, 0);
  board = gf_leaderboard_compute (db, layout_id, year, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (board);

  return board;
}

/* Whether the rows show @board: same order, ranks, names and scores as formatted. */
static gboolean
rows_match (Fixture             *fixture,
            const GfLeaderboard *board)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  if (g_strcmp0 (visible_page (fixture), "board") != 0 || rows->len != board->entries->len)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autofree char *rank = g_strdup_printf ("%u", entry->rank);
      g_autofree char *score = gf_number_format_grouped (entry->score, 1);

      if (g_strcmp0 (cell_text (row, "gf-leaderboard-page-rank"), rank) != 0
          || g_strcmp0 (cell_text (row, "gf-leaderboard-page-name"), entry->name) != 0
          || g_strcmp0 (cell_text (row, "gf-leaderboard-page-score"), score) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
rows_match_cb (gpointer data)
{
  Expectation *expectation = data;

  return page_is_idle (expectation->fixture->page)
         && rows_match (expectation->fixture, expectation->board);
}

static void
assert_rows_match (Fixture             *fixture,
                   const GfLeaderboard *board)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "board");
  g_assert_cmpuint (rows->len, ==, board->entries->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autofree char *rank = g_strdup_printf ("%u", entry->rank);
      g_autofree char *score = gf_number_format_grouped (entry->score, 1);

      g_assert_cmpstr (cell_text (row, "gf-leaderboard-page-rank"), ==, rank);
      g_assert_cmpstr (cell_text (row, "gf-leaderboard-page-name"), ==, entry->name);
      g_assert_cmpstr (cell_text (row, "gf-leaderboard-page-score"), ==, score);
      /* The first three are set apart. */
      g_assert_true (gtk_widget_has_css_class (row, "gf-leaderboard-page-top")
                     == (entry->rank <= 3));
    }
}

/* Where @box's children line up, relative to @relative_to: their centres when centred, else
 * their right edges (numbers are right-aligned). */
static GArray *
column_edges (GtkWidget *box,
             GtkWidget *relative_to)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (double));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      double edge;

      g_assert_true (gtk_widget_compute_bounds (child, relative_to, &bounds));
      if (gtk_widget_get_halign (child) == GTK_ALIGN_CENTER)
        edge = bounds.origin.x + bounds.size.width / 2;
      else
        edge = bounds.origin.x + bounds.size.width;
      g_array_append_val (edges, edge);
    }

  return edges;
}

/* Tests */

static GtkWidget *
add_to_briefing_button (Fixture *fixture)
{
  GtkWidget *button = gf_test_ui_find_descendant (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Add to _Briefing…");
  return button;
}

static void
test_leaderboard_rows (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GfLeaderboard) board = compute_board (fixture->db, 2025);
  g_autoptr(GPtrArray) rows = list_rows (fixture);
  GtkWidget *header = gtk_widget_get_first_child (template_child (fixture, "header_box"));
  g_autoptr(GArray) header_edges = NULL;

  g_assert_cmpuint (board->entries->len, ==, 6);
  assert_rows_match (fixture, board);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "title_label"))),
                   ==, "Cluster Competition 2025");
  /* The rules in their order, the indicators named in English under C.UTF-8. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "rules_label"))),
                   ==, "Score: tasks 40 % · activity 20 % · growth of Collective operating "
                       "income 25 % · growth of Rural per-capita disposable income 15 %");

  /* The ranking shown can become a slide (and be exported). */
  g_assert_true (gtk_widget_get_sensitive (add_to_briefing_button (fixture)));

  /* Every column lines up with its heading: rank, colour, name, bar, score, change, tasks,
   * activity and the two growth rules. */
  gf_test_ui_spin_for (100);
  header_edges = column_edges (header, GTK_WIDGET (fixture->page));
  g_assert_cmpuint (header_edges->len, ==, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (g_ptr_array_index (rows, i));
      g_autoptr(GArray) edges = column_edges (box, GTK_WIDGET (fixture->page));

      g_assert_cmpuint (edges->len, ==, header_edges->len);
      for (guint c = 0; c < edges->len; c++)
        g_assert_cmpfloat_with_epsilon (g_array_index (edges, double, c),
                                        g_array_index (header_edges, double, c), 1.5);
    }
}

static GfBriefingWindow *
find_presenter (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GF_IS_BRIEFING_WINDOW (window))
        return GF_BRIEFING_WINDOW (window);
    }

  return NULL;
}

/* The ranking alone, full screen: the title page and the ranking, opened on the ranking. */
static void
test_leaderboard_present (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GfBriefingWindow *presenter;

  g_assert_null (find_presenter ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "leaderboard.present",
                                             NULL));
  presenter = find_presenter ();
  g_assert_nonnull (presenter);
  g_assert_cmpuint (gf_briefing_window_get_n_pages (presenter), ==, 2);
  g_assert_cmpuint (gf_briefing_window_get_page (presenter), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (presenter)), ==, "Cluster Competition 2025");
  gtk_window_destroy (GTK_WINDOW (presenter));
  gf_test_ui_spin_for (50);
  g_assert_null (find_presenter ());
}

/* A task's progress edited and committed: the page ranks again by itself. */
static void
test_leaderboard_database_changed (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  static const GfStoreColumn columns[] = {
    { "id" }, { "cluster_id", "cluster", "name" }, { "year" },
  };
  g_autoptr(GfLeaderboard) before = compute_board (fixture->db, 2025);
  g_autoptr(GfLeaderboard) after = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  const GfLeaderboardEntry *last = g_ptr_array_index (before->entries,
                                                      before->entries->len - 1);
  GfStoreValue done = { GF_STORE_REAL, 0, 100, NULL };
  Expectation expectation = { fixture, NULL };
  guint n_changed = 0;

  tasks = gf_store_select_rows (fixture->db, "task", columns, G_N_ELEMENTS (columns), &error);
  g_assert_no_error (error);

  /* The last cluster completes every task of the year. */
  g_assert_true (gf_database_begin (fixture->db, &error));
  for (guint i = 0; i < tasks->len; i++)
    {
      char **row = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (row[1], last->name) == 0 && g_strcmp0 (row[2], "2025") == 0)
        {
          g_assert_true (gf_store_update_value (fixture->db, "task",
                                                g_ascii_strtoll (row[0], NULL, 10),
                                                "progress", &done, &error));
          n_changed++;
        }
    }
  g_assert_true (gf_database_commit (fixture->db, "task", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, >, 0);

  after = compute_board (fixture->db, 2025);
  g_assert_false (rows_match (fixture, after));
  expectation.board = after;
  gf_test_ui_spin_until (rows_match_cb, &expectation, 10000, "the leaderboard to rank again");
  assert_rows_match (fixture, after);
}

/* Without scoring rules the page says how to add them. */
static void
test_leaderboard_no_rules (Fixture       *fixture,
                           gconstpointer  user_data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (template_child (fixture, "status_page"));
  char *message = NULL;

  g_assert_cmpstr (visible_page (fixture), ==, "board");

  if (sqlite3_exec (_gf_database_get_handle (fixture->db), "DELETE FROM score_rule", NULL,
                    NULL, &message) != SQLITE_OK)
    g_error ("DELETE FROM score_rule: %s", message);
  gf_database_emit_changed (fixture->db, "score_rule");
  wait_for_page (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Scoring Rules");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "score_rules.csv"));
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "gf-leaderboard-symbolic");
  g_assert_null (gtk_widget_get_first_child (template_child (fixture, "list_box")));
  gf_test_ui_spin_for (50);
  g_assert_false (gtk_widget_get_sensitive (add_to_briefing_button (fixture)));
}

static gboolean
shows_empty (gpointer fixture)
{
  return page_is_idle (((Fixture *) fixture)->page)
         && g_strcmp0 (visible_page (fixture), "empty") == 0;
}

/* The first year has no year before it, no tasks and no activities: nothing to score. */
static void
test_leaderboard_nothing_to_score (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  GtkDropDown *years = gf_test_ui_template_child (fixture->window, GF_TYPE_WINDOW,
                                                  "year_dropdown");
  GListModel *model = gtk_drop_down_get_model (years);
  AdwStatusPage *status = ADW_STATUS_PAGE (template_child (fixture, "status_page"));
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GtkStringObject) last = g_list_model_get_item (model, n - 1);
  g_autoptr(GfLeaderboard) board = compute_board (fixture->db, 2016);

  g_assert_cmpstr (gtk_string_object_get_string (last), ==, "2016");
  g_assert_false (board->has_data);

  gtk_drop_down_set_selected (years, n - 1);
  gf_test_ui_spin_until (shows_empty, fixture, 10000, "the empty leaderboard of 2016");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Nothing to Score Yet");
}

/* Two rankings asked for at once: the first is dropped, the second shown. */
static void
test_leaderboard_superseded (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GfLeaderboard) board = compute_board (fixture->db, 2025);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = gf_summary_compute (fixture->db, 2025, &error);
  g_autoptr(GfSummary) older = gf_summary_compute (fixture->db, 2016, &error);

  g_assert_no_error (error);
  gf_leaderboard_page_set_summary (fixture->page, older);
  gf_leaderboard_page_set_summary (fixture->page, summary);
  g_assert_true (gf_leaderboard_page_is_updating (fixture->page));
  gf_test_ui_spin_until (page_is_idle, fixture->page, 10000, "the ranking");
  gf_test_ui_spin_for (100);
  assert_rows_match (fixture, board);
}

/* An in-memory database, which no worker can open, is ranked on the main thread, and the
 * result still arrives from the main loop. */
static void
test_leaderboard_in_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_autoptr(GfLeaderboard) board = NULL;
  Fixture fixture = { NULL, db, NULL, NULL };

  g_assert_no_error (error);
  g_assert_true (gf_sample_load (db, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  board = compute_board (db, 2025);

  fixture.window = gf_test_ui_new_window (db, FALSE, 1280, 800);
  fixture.page = gf_test_ui_show_view (fixture.window, "leaderboard", "leaderboard_page");
  wait_for_page (&fixture);
  assert_rows_match (&fixture, board);

  gf_test_ui_destroy_window (fixture.window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gf_test_ui_init (&argc, &argv);

  /* The application's style sheet, which AdwApplication loads and a bare window does not: the
   * columns' alignment depends on its padding. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/ui/leaderboard/rows", Fixture, NULL,
              set_up, test_leaderboard_rows, tear_down);
  g_test_add ("/ui/leaderboard/present", Fixture, NULL,
              set_up, test_leaderboard_present, tear_down);
  g_test_add ("/ui/leaderboard/database-changed", Fixture, NULL,
              set_up, test_leaderboard_database_changed, tear_down);
  g_test_add ("/ui/leaderboard/no-rules", Fixture, NULL,
              set_up, test_leaderboard_no_rules, tear_down);
  g_test_add ("/ui/leaderboard/nothing-to-score", Fixture, NULL,
              set_up, test_leaderboard_nothing_to_score, tear_down);
  g_test_add ("/ui/leaderboard/superseded", Fixture, NULL,
              set_up, test_leaderboard_superseded, tear_down);
  g_test_add_func ("/ui/leaderboard/in-memory", test_leaderboard_in_memory);

  return g_test_run ();
}
