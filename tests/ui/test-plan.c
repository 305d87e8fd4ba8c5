/* test-plan.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning a layout on the map of the real window, on the sample district: plan mode, a draft
 * from the current layout, a click that assigns a village to the active cluster, undo, a
 * lasso assigning two villages in one step, Save As and Make Current through their dialogs.
 * The current layout must not change until the planner confirms.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gf-layout.h"
#include "gf-map-page.h"
#include "gf-plan-panel.h"
#include "gf-test-ui.h"
#include "gf-window.h"

typedef struct
{
  char       *dir;
  GfDatabase *db;
  GfWindow   *window;
  GfMapPage  *page;
  GfMapView  *view;
} Fixture;

static gboolean
has_size (gpointer widget)
{
  return gtk_widget_get_width (widget) > 100 && gtk_widget_get_height (widget) > 100;
}

static gboolean
map_loaded (gpointer page)
{
  return !gf_map_page_get_loading (page);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->db = gf_test_ui_open_database ("gf-ui-plan-XXXXXX", TRUE, &fixture->dir, NULL);

  fixture->window = gf_test_ui_new_window (fixture->db, FALSE, 1440, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "map"));

  fixture->page = GF_MAP_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              GF_TYPE_WINDOW, "map_page"));
  fixture->view = gf_map_page_get_map_view (fixture->page);
  gf_test_ui_spin_until (gf_test_ui_is_mapped, fixture->view, 10000, "the map to be mapped");
  gf_test_ui_spin_until (has_size, gf_map_view_get_map (fixture->view), 10000,
                         "the map to have a size");
  /* The map data is read in a worker. */
  gf_test_ui_spin_until (map_loaded, fixture->page, 30000, "the map to load");
  gf_test_ui_spin_for (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gf_test_ui_destroy_window (fixture->window);
  gf_test_ui_close_database (fixture->db, fixture->dir);
  g_free (fixture->dir);
}

/* Helpers */

static gboolean
inside_map (Fixture *fixture,
            double   x,
            double   y)
{
  GtkWidget *map = GTK_WIDGET (gf_map_view_get_map (fixture->view));

  return x >= 40 && y >= 80 && x <= gtk_widget_get_width (map) - 40
         && y <= gtk_widget_get_height (map) - 40;
}

static gint64
current_layout_id (GfDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layouts = gf_layout_list (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < layouts->len; i++)
    {
      GfLayoutInfo *info = g_ptr_array_index (layouts, i);

      if (info->is_current)
        return info->id;
    }

  return 0;
}

static guint
villages_of (GfPlanPanel *panel,
             gint64       cluster_id)
{
  g_autofree char *text = NULL;

  gf_plan_panel_flush (panel);
  text = gf_plan_panel_get_totals_text (panel, cluster_id, 0);
  if (text == NULL)
    return 0;

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
assert_same_membership (GHashTable *a,
                        GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const gint64 *other = g_hash_table_lookup (b, key);

      g_assert_nonnull (other);
      g_assert_cmpint (*other, ==, *(gint64 *) value);
    }
}

static gboolean
point_in (const double *xy,
          guint         n,
          double        x,
          double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}

/* A thin quadrilateral around the segment from village a to village b that holds no other
 * village's label point. */
static gboolean
lasso_around (GfMapData *data,
              guint      a,
              guint      b,
              double     xy[8])
{
  const GfMapVillage *va = gf_map_data_get_village (data, a);
  const GfMapVillage *vb = gf_map_data_get_village (data, b);
  double dx = vb->label_x - va->label_x, dy = vb->label_y - va->label_y;
  double length = hypot (dx, dy), ux, uy, w, e;

  if (length == 0)
    return FALSE;
  ux = dx / length, uy = dy / length;
  w = length * 0.05, e = length * 0.05;
  xy[0] = va->label_x - ux * e - uy * w, xy[1] = va->label_y - uy * e + ux * w;
  xy[2] = vb->label_x + ux * e - uy * w, xy[3] = vb->label_y + uy * e + ux * w;
  xy[4] = vb->label_x + ux * e + uy * w, xy[5] = vb->label_y + uy * e - ux * w;
  xy[6] = va->label_x - ux * e + uy * w, xy[7] = va->label_y - uy * e - ux * w;

  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);

      if (i != a && i != b && point_in (xy, 4, v->label_x, v->label_y))
        return FALSE;
    }

  return point_in (xy, 4, va->label_x, va->label_y) && point_in (xy, 4, vb->label_x, vb->label_y);
}

static GtkWidget *
panel_child (GfPlanPanel *panel,
             const char  *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (panel),
                                                                GF_TYPE_PLAN_PANEL, name));

  g_assert_nonnull (child);
  return child;
}

static GfLayoutInfo *
find_layout (GPtrArray  *layouts,
             const char *name)
{
  for (guint i = 0; i < layouts->len; i++)
    {
      GfLayoutInfo *info = g_ptr_array_index (layouts, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }

  return NULL;
}

/* Tests */

static void
test_plan_assign (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) layouts = NULL;
  GfPlanPanel *panel = gf_map_page_get_plan_panel (fixture->page);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GfLayoutDraft *draft;
  GfLayoutInfo *saved;
  AdwMessageDialog *dialog;
  gint64 current_id = current_layout_id (fixture->db);
  gint64 yunshang;
  int cluster, village = -1;
  guint n_before, generation, lasso_a = 0, lasso_b = 0;
  double wx = 0, wy = 0, polygon[8];
  gboolean found_pair = FALSE;

  g_assert_nonnull (data);
  g_assert_cmpint (current_id, !=, 0);
  before = gf_layout_get_membership (fixture->db, current_id, &error);
  g_assert_no_error (error);

  /* Plan mode, then a draft from the current layout through the button. */
  gf_map_page_set_planning (fixture->page, TRUE);
  g_assert_true (gf_map_view_get_plan_mode (fixture->view));
  g_signal_emit_by_name (panel_child (panel, "new_button"), "clicked");
  draft = gf_plan_panel_get_draft (panel);
  g_assert_nonnull (draft);
  g_assert_cmpint (gf_layout_draft_get_saved_id (draft), ==, 0);
  g_assert_false (gf_layout_draft_get_modified (draft));
  gf_test_ui_spin_for (300);

  cluster = gf_map_data_find_cluster_by_name (data, "云上");
  g_assert_cmpint (cluster, >=, 0);
  yunshang = gf_map_data_get_cluster (data, cluster)->id;
  g_assert_true (gf_plan_panel_set_active_cluster (panel, yunshang));
  g_assert_cmpint (gf_plan_panel_get_active_cluster (panel), ==, yunshang);
  n_before = villages_of (panel, yunshang);

  /* A village in no cluster, whose label point is on screen and picks that village. */
  for (guint i = 0; i < gf_map_data_get_n_villages (data) && village < 0; i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);

      if (v->cluster >= 0 || v->n_rings == 0)
        continue;
      gf_map_view_location_to_widget (fixture->view, v->label_x, v->label_y, &wx, &wy);
      if (inside_map (fixture, wx, wy) && gf_map_view_pick_village (fixture->view, wx, wy) == (int) i)
        village = (int) i;
    }
  g_assert_cmpint (village, >=, 0);

  generation = gf_tile_source_get_generation (gf_map_view_get_tile_source (fixture->view));
  gf_test_ui_click_map (fixture->view, wx, wy, wx, wy);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft,
                                                gf_map_data_get_village (data, village)->id),
                   ==, yunshang);
  /* A click while planning assigns; it selects nothing. */
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, NULL), ==, GF_MAP_FEATURE_NONE);
  g_assert_cmpuint (villages_of (panel, yunshang), ==, n_before + 1);
  {
    g_autofree char *text = gf_plan_panel_get_totals_text (panel, yunshang, 0);

    g_test_message ("云上 villages: %s", text);
    g_assert_nonnull (strstr (text, "+1"));
  }
  /* The map is recoloured from the draft: a new generation of tiles. */
  g_assert_cmpuint (gf_tile_source_get_generation (gf_map_view_get_tile_source (fixture->view)),
                    >, generation);
  after = gf_layout_get_membership (fixture->db, current_id, &error);
  g_assert_no_error (error);
  assert_same_membership (before, after);
  g_clear_pointer (&after, g_hash_table_unref);

  /* Undo brings it back. */
  g_assert_true (gf_layout_draft_can_undo (draft));
  g_signal_emit_by_name (panel_child (panel, "undo_button"), "clicked");
  g_assert_cmpint (gf_layout_draft_get_cluster (draft,
                                                gf_map_data_get_village (data, village)->id),
                   ==, 0);
  g_assert_cmpuint (villages_of (panel, yunshang), ==, n_before);
  g_assert_false (gf_layout_draft_can_undo (draft));

  /* A lasso around two villages of no cluster: one step. */
  for (guint a = 0; a < gf_map_data_get_n_villages (data) && !found_pair; a++)
    for (guint b = a + 1; b < gf_map_data_get_n_villages (data) && !found_pair; b++)
      {
        if (gf_map_data_get_village (data, a)->cluster >= 0
            || gf_map_data_get_village (data, b)->cluster >= 0)
          continue;
        if (lasso_around (data, a, b, polygon))
          found_pair = TRUE, lasso_a = a, lasso_b = b;
      }
  g_assert_true (found_pair);
  gf_map_view_lasso (fixture->view, polygon, 4);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, gf_map_data_get_village (data, lasso_a)->id),
                   ==, yunshang);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, gf_map_data_get_village (data, lasso_b)->id),
                   ==, yunshang);
  g_assert_cmpuint (villages_of (panel, yunshang), ==, n_before + 2);
  gf_layout_draft_undo (draft);
  g_assert_false (gf_layout_draft_can_undo (draft));
  g_assert_cmpuint (villages_of (panel, yunshang), ==, n_before);
  gf_layout_draft_redo (draft);
  g_assert_cmpuint (villages_of (panel, yunshang), ==, n_before + 2);
  g_test_message ("Warnings: %u", gf_plan_panel_get_n_warnings (panel));

  /* Save As through its dialog: a new layout, not current. */
  g_signal_emit_by_name (panel_child (panel, "save_as_button"), "clicked");
  dialog = ADW_MESSAGE_DIALOG (gf_plan_panel_get_dialog (panel));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "测试方案");
  adw_message_dialog_response (dialog, "save");
  gf_test_ui_spin_for (100);
  layouts = gf_layout_list (fixture->db, &error);
  g_assert_no_error (error);
  saved = find_layout (layouts, "测试方案");
  g_assert_nonnull (saved);
  g_assert_false (saved->is_current);
  g_assert_cmpint (gf_layout_draft_get_saved_id (draft), ==, saved->id);
  g_assert_cmpint (current_layout_id (fixture->db), ==, current_id);
  after = gf_layout_get_membership (fixture->db, current_id, &error);
  assert_same_membership (before, after);
  g_clear_pointer (&after, g_hash_table_unref);

  /* Make Current asks first: cancelling changes nothing. */
  g_assert_true (gtk_widget_get_sensitive (panel_child (panel, "make_current_button")));
  g_signal_emit_by_name (panel_child (panel, "make_current_button"), "clicked");
  dialog = ADW_MESSAGE_DIALOG (gf_plan_panel_get_dialog (panel));
  g_assert_nonnull (dialog);
  g_assert_cmpint (current_layout_id (fixture->db), ==, current_id);
  adw_message_dialog_response (dialog, "cancel");
  gf_test_ui_spin_for (100);
  g_assert_cmpint (current_layout_id (fixture->db), ==, current_id);

  g_signal_emit_by_name (panel_child (panel, "make_current_button"), "clicked");
  dialog = ADW_MESSAGE_DIALOG (gf_plan_panel_get_dialog (panel));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "make-current");
  gf_test_ui_spin_for (300);
  g_assert_cmpint (current_layout_id (fixture->db), ==, saved->id);
  /* The map reloaded the new current layout; the draft goes on. */
  g_assert_true (gf_plan_panel_get_draft (panel) == draft);
  g_assert_false (gtk_widget_get_sensitive (panel_child (panel, "make_current_button")));
  g_assert_cmpint (gf_map_data_get_layout_id (gf_map_view_get_data (fixture->view)), ==,
                   saved->id);
  /* Against the new current layout, the draft changes nothing. */
  {
    g_autofree char *text = NULL;

    gf_plan_panel_flush (panel);
    text = gf_plan_panel_get_totals_text (panel, yunshang, 0);
    g_test_message ("云上 villages after Make Current: %s", text);
    g_assert_cmpuint (g_ascii_strtoull (text, NULL, 10), ==, n_before + 2);
  }

  /* Leaving plan mode shows the current layout again. */
  gf_map_page_set_planning (fixture->page, FALSE);
  g_assert_false (gf_map_view_get_plan_mode (fixture->view));
}

/* The totals are read in a worker and the village neighbours built in another: the panel
 * keeps what it showed until they arrive, and the warnings are those of the core's check. */
static void
test_plan_workers (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GfPlanPanel *panel = gf_map_page_get_plan_panel (fixture->page);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  g_autoptr(GfLayoutGeometry) geometry = gf_layout_geometry_new_for_map (data);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  GfLayoutDraft *draft;
  const GfMapCluster *cluster = NULL;
  gint64 stray = 0;
  guint n_warnings_before;

  gf_map_page_set_planning (fixture->page, TRUE);
  draft = gf_plan_panel_get_draft (panel);
  g_assert_nonnull (draft);
  gf_plan_panel_flush (panel);
  g_assert_false (gf_plan_panel_is_updating (panel));
  expected = gf_layout_check (geometry, gf_layout_draft_get_membership (draft));
  g_assert_cmpuint (gf_plan_panel_get_n_warnings (panel), ==, expected->len);
  n_warnings_before = expected->len;
  g_clear_pointer (&expected, g_ptr_array_unref);

  /* A village none of whose neighbours is in the first cluster: given to that cluster, it
   * splits it in two. */
  cluster = gf_map_data_get_cluster (data, 0);
  for (guint v = 0; v < gf_map_data_get_n_villages (data) && stray == 0; v++)
    {
      const GfMapVillage *village = gf_map_data_get_village (data, v);
      const gint64 *neighbours;
      guint n_neighbours;
      gboolean touches = FALSE;

      if (village->cluster == 0 || village->n_rings == 0)
        continue;
      neighbours = gf_layout_geometry_get_neighbours (geometry, village->id, &n_neighbours);
      for (guint k = 0; k < n_neighbours && !touches; k++)
        touches = gf_layout_draft_get_cluster (draft, neighbours[k]) == cluster->id;
      if (!touches)
        stray = village->id;
    }
  g_assert_cmpint (stray, !=, 0);

  before = gf_plan_panel_get_totals_text (panel, cluster->id, 0);
  g_assert_nonnull (before);
  g_assert_true (gf_layout_draft_assign (draft, stray, cluster->id, &error));
  g_assert_no_error (error);
  /* Until the worker is done, the table shows the totals it had. */
  g_assert_true (gf_plan_panel_is_updating (panel));
  during = gf_plan_panel_get_totals_text (panel, cluster->id, 0);
  g_assert_cmpstr (during, ==, before);

  gf_plan_panel_flush (panel);
  after = gf_plan_panel_get_totals_text (panel, cluster->id, 0);
  g_test_message ("%s: %s → %s", cluster->name, before, after);
  g_assert_cmpuint (g_ascii_strtoull (after, NULL, 10), ==,
                    g_ascii_strtoull (before, NULL, 10) + 1);
  expected = gf_layout_check (geometry, gf_layout_draft_get_membership (draft));
  g_assert_cmpuint (expected->len, >, n_warnings_before);
  g_assert_cmpuint (gf_plan_panel_get_n_warnings (panel), ==, expected->len);

  /* Two changes in a row: the first worker's result is dropped, the second's shown. */
  gf_layout_draft_undo (draft);
  gf_layout_draft_redo (draft);
  gf_layout_draft_undo (draft);
  gf_plan_panel_flush (panel);
  g_clear_pointer (&after, g_free);
  after = gf_plan_panel_get_totals_text (panel, cluster->id, 0);
  g_assert_cmpuint (g_ascii_strtoull (after, NULL, 10), ==, g_ascii_strtoull (before, NULL, 10));
  g_assert_cmpuint (gf_plan_panel_get_n_warnings (panel), ==, n_warnings_before);
}

static gboolean
has_rows (gpointer model)
{
  return g_list_model_get_n_items (model) > 0;
}

static void
test_plan_compare (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GfPlanPanel *panel = gf_map_page_get_plan_panel (fixture->page);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GtkWindow *window;
  GtkColumnView *view;
  GListModel *rows;

  gf_map_page_set_planning (fixture->page, TRUE);
  g_assert_nonnull (gf_plan_panel_get_draft (panel));
  g_signal_emit_by_name (panel_child (panel, "compare_button"), "clicked");
  window = gf_plan_panel_get_dialog (panel);
  g_assert_nonnull (window);
  g_assert_true (ADW_IS_WINDOW (window));

  /* The totals of both layouts are read in a worker; then a row per cluster. */
  view = gf_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (view);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  gf_test_ui_spin_until (has_rows, rows, 10000, "the comparison's rows");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, gf_map_data_get_n_clusters (data));

  /* Closed while a comparison is read: nothing comes of it. */
  {
    GtkDropDown *b = gf_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);

    gtk_drop_down_set_selected (b, gtk_drop_down_get_selected (b) == 0 ? 1 : 0);
  }
  gtk_window_destroy (window);
  gf_test_ui_spin_for (50);
  g_assert_null (gf_plan_panel_get_dialog (panel));
}

int
main (int   argc,
      char *argv[])
{
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/plan/assign", Fixture, NULL, fixture_set_up, test_plan_assign,
              fixture_tear_down);
  g_test_add ("/ui/plan/workers", Fixture, NULL, fixture_set_up, test_plan_workers,
              fixture_tear_down);
  g_test_add ("/ui/plan/compare", Fixture, NULL, fixture_set_up, test_plan_compare,
              fixture_tear_down);

  return g_test_run ();
}
