/* test-add-slide.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add to Briefing…" in the real main window on a temporary sample database: the chart cards
 * offer it only when a slide can show them, and the slides that the chart card and the map page
 * make land in a new briefing in order, through what the dialog does after the user's choice.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gf-add-slide-dialog.h"
#include "gf-briefing.h"
#include "gf-chart-card.h"
#include "gf-charts-page.h"
#include "gf-map-page.h"
#include "gf-store.h"
#include "gf-test-ui.h"
#include "gf-window.h"

/* The window on the sample database, showing the Charts view. */
typedef GfTestUiCharts Fixture;

static const struct {
  const char *name;
  guint       n_indicators;
} cards[] = {
  { "trend_card", 1 },
  { "ranking_card", 1 },
  { "shares_card", 1 },
  { "income_card", 1 },
  { "growth_card", 1 },
  /* Several indicators of one unit, in one chart and one slide. */
  { "land_card", 4 },
  { "jobs_card", 1 },
  { "markets_card", 2 },
  { "finance_card", 3 },
};

/* Tests */

static void
test_add_slide_offered (Fixture       *fixture,
                        gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      GfChartCard *card = gf_test_ui_chart_card (fixture, cards[i].name);
      const GfSlide *slide = gf_chart_card_get_slide (card);

      /* Every card offers "Add to Briefing…", with the slide of its request. */
      g_assert_nonnull (slide);
      g_assert_cmpint (slide->kind, ==, GF_SLIDE_CHART);
      g_assert_cmpint (slide->chart_kind, ==, gf_chart_card_get_spec (card)->kind);
      g_assert_nonnull (slide->indicators);
      g_assert_cmpuint (g_strv_length (slide->indicators), ==, cards[i].n_indicators);
      g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_CLUSTERS);
      /* Every cluster ticked: the slide follows the district's clusters. */
      g_assert_null (slide->subject_ids);
      g_assert_cmpstr (slide->title, ==, gf_chart_card_get_spec (card)->title);
    }
}

static void
test_add_slide_briefing (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSlide) map_slide = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *name = NULL;
  g_autofree char *map_name = NULL;
  GfChartCard *card = gf_test_ui_chart_card (fixture, "trend_card");
  const GfSlide *chart_slide = gf_chart_card_get_slide (card);
  const GfSlide *slide;
  GfMapPage *map_page;

  /* The operating-income trend card, over all the clusters and the years shown. */
  g_assert_nonnull (chart_slide);
  g_assert_cmpint (chart_slide->chart_kind, ==, GF_CHART_KIND_LINE);
  g_assert_cmpstr (chart_slide->indicators[0], ==, "coll_operating_income");
  g_assert_null (chart_slide->indicators[1]);
  g_assert_null (chart_slide->subject_ids);

  before = gf_store_list_briefings (fixture->db, &error);
  g_assert_no_error (error);

  /* "New briefing…" named 测试汇报. */
  g_assert_true (gf_add_slide_to_briefing (fixture->db, 0, "测试汇报", chart_slide, &name,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "测试汇报");

  after = gf_store_list_briefings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  briefing = gf_store_find_briefing (fixture->db, "测试汇报", &error);
  g_assert_no_error (error);
  g_assert_nonnull (briefing);

  /* The map, coloured by cluster, to the same briefing chosen in the drop-down. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "map"));
  map_page = gf_test_ui_template_child (fixture->window, GF_TYPE_WINDOW, "map_page");
  gf_test_ui_spin_until (gf_test_ui_is_mapped, map_page, 10000, "the map page");
  g_assert_true (gf_map_page_set_color_by (map_page, NULL));
  map_slide = gf_map_page_make_slide (map_page);
  g_assert_cmpint (map_slide->kind, ==, GF_SLIDE_MAP);
  g_assert_true (gf_add_slide_to_briefing (fixture->db, briefing->id, NULL, map_slide,
                                           &map_name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (map_name, ==, "测试汇报");
  g_clear_pointer (&briefing, gf_briefing_free);

  briefing = gf_store_find_briefing (fixture->db, "测试汇报", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, 2);

  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_CHART);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_LINE);
  g_assert_cmpstr (slide->indicators[0], ==, "coll_operating_income");
  g_assert_cmpint (slide->first_year, ==, chart_slide->first_year);
  g_assert_cmpint (slide->last_year, ==, chart_slide->last_year);
  g_assert_cmpstr (slide->title, ==, gf_chart_card_get_spec (card)->title);

  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_null (slide->indicators);
  g_assert_cmpint (slide->fit, ==, GF_SLIDE_FIT_DISTRICT);
  g_assert_cmpuint (slide->layers, ==, map_slide->layers);

  /* A second new briefing of the same name fails and leaves nothing behind. */
  g_assert_false (gf_add_slide_to_briefing (fixture->db, 0, "测试汇报", chart_slide, NULL,
                                            &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = gf_store_list_briefings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
has_no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

/* The dialog itself: "New briefing…", a name, Add. */
static void
test_add_slide_dialog (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  GfChartCard *card = gf_test_ui_chart_card (fixture, "ranking_card");
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GtkEntry *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "chart.add-to-briefing", NULL));
  gf_test_ui_spin_until (has_dialog, NULL, 5000, "the dialog");
  dialog = find_dialog ();
  dropdown = gf_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                         GTK_TYPE_DROP_DOWN);
  entry = gf_test_ui_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                      GTK_TYPE_ENTRY);
  g_assert_nonnull (dropdown);
  g_assert_nonnull (entry);

  /* "New briefing…" is last; Add waits for a name. */
  gtk_drop_down_set_selected (dropdown,
                              g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "排名汇报");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));

  /* What a click on Add does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
  gf_test_ui_spin_until (has_no_dialog, NULL, 5000, "the dialog to close");

  briefing = gf_store_find_briefing (fixture->db, "排名汇报", &error);
  g_assert_no_error (error);
  g_assert_nonnull (briefing);
  g_assert_cmpuint (briefing->slides->len, ==, 1);
  g_assert_cmpint (((GfSlide *) g_ptr_array_index (briefing->slides, 0))->chart_kind, ==,
                   GF_CHART_KIND_RANKED_BAR);
}

/* The land card's slide: four indicators of one unit, stacked by cluster, in the database. */
static void
test_add_slide_land (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char * const land[] = {
    "land_transferred", "high_standard_farmland", "idle_land_revived", "shared_garden_adopted",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  GfChartCard *card = gf_test_ui_chart_card (fixture, "land_card");
  const GfSlide *slide = gf_chart_card_get_slide (card);

  g_assert_nonnull (slide);
  g_assert_true (gf_add_slide_to_briefing (fixture->db, 0, "土地汇报", slide, NULL, &error));
  g_assert_no_error (error);

  briefing = gf_store_find_briefing (fixture->db, "土地汇报", &error);
  g_assert_no_error (error);
  g_assert_nonnull (briefing);
  g_assert_cmpuint (briefing->slides->len, ==, 1);
  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_CHART);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_STACKED_BAR);
  g_assert_cmpstrv (slide->indicators, land);
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_CLUSTERS);
  g_assert_null (slide->subject_ids);
  g_assert_cmpint (slide->last_year, ==, 2025);
  g_assert_cmpstr (slide->title, ==, "Land use by cluster");
}

static gpointer
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Saves the dialog as it looks, when GF_TEST_SCREENSHOT_DIR names a directory. */
static void
save_window (GtkWidget  *window,
             const char *name)
{
  const char *dir = g_getenv ("GF_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;

  gf_test_ui_spin_for (300);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Adds @slide through the dialog to a new briefing named @name, with the classification
 * @method (its position in the drop-down) in @n_classes classes. */
static void
add_through_dialog (Fixture          *fixture,
                    const GfSlide    *slide,
                    const char       *name,
                    guint             method,
                    guint             n_classes,
                    gboolean          classes_sensitive)
{
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkDropDown *dropdown;
  GtkDropDown *classify;
  GtkSpinButton *classes;
  GtkEntry *entry;

  gf_add_slide_dialog_present (GTK_WIDGET (fixture->window), fixture->db, slide);
  gf_test_ui_spin_until (has_dialog, NULL, 5000, "the dialog");
  dialog = find_dialog ();
  extra = adw_message_dialog_get_extra_child (dialog);
  dropdown = gf_test_ui_find_descendant (extra, GTK_TYPE_DROP_DOWN);
  entry = gf_test_ui_find_descendant (extra, GTK_TYPE_ENTRY);
  classify = find_named (extra, "classify");
  classes = find_named (extra, "classes");
  g_assert_nonnull (classify);
  g_assert_nonnull (classes);
  g_assert_nonnull (find_named (extra, "description"));

  /* The map's own classification first: quantiles in 5 classes. */
  g_assert_cmpuint (gtk_drop_down_get_selected (classify), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (classes), ==, 5);
  /* Quantiles, equal intervals, and thresholds: the indicator has a benchmark (50 万元). */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (classify)), ==, 3);

  gtk_drop_down_set_selected (classify, method);
  gtk_spin_button_set_value (classes, n_classes);
  save_window (GTK_WIDGET (dialog), "add-slide-map.png");
  g_assert_cmpint (gtk_widget_get_sensitive (GTK_WIDGET (classes)), ==, classes_sensitive);

  gtk_drop_down_set_selected (dropdown,
                              g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) - 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
  gf_test_ui_spin_until (has_no_dialog, NULL, 5000, "the dialog to close");
}

static const GfSlide *
only_slide (Fixture    *fixture,
            const char *name,
            GfBriefing **out)
{
  g_autoptr(GError) error = NULL;

  *out = gf_store_find_briefing (fixture->db, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
  g_assert_cmpuint ((*out)->slides->len, ==, 1);

  return g_ptr_array_index ((*out)->slides, 0);
}

/* A map slide coloured by an indicator: the dialog's classification reaches the database. */
static void
test_add_slide_map_classes (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GfSlide) map_slide = NULL;
  g_autoptr(GfBriefing) equal = NULL;
  g_autoptr(GfBriefing) thresholds = NULL;
  const GfSlide *slide;

  map_slide = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income", 2025,
                                GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_CLUSTERS,
                                GF_MAP_CLASSIFY_QUANTILE, 5, NULL);

  /* Equal intervals in 4 classes. */
  add_through_dialog (fixture, map_slide, "分级汇报", 1, 4, TRUE);
  slide = only_slide (fixture, "分级汇报", &equal);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_cmpstr (slide->indicators[0], ==, "coll_operating_income");
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_EQUAL_INTERVAL);
  g_assert_cmpuint (slide->n_classes, ==, 4);
  g_assert_cmpint (slide->last_year, ==, 2025);

  /* Benchmark thresholds make their own classes: the number is greyed out. */
  add_through_dialog (fixture, map_slide, "基准汇报", 2, 7, FALSE);
  slide = only_slide (fixture, "基准汇报", &thresholds);
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_THRESHOLDS);
  g_assert_cmpuint (slide->n_classes, ==, 0);
}

/* A chart slide: one line says what will be added (as for maps), and nothing to classify. */
static void
test_add_slide_description (Fixture       *fixture,
                            gconstpointer  user_data)
{
  const GfSlide *slide = gf_chart_card_get_slide (gf_test_ui_chart_card (fixture, "land_card"));
  g_autofree char *expected = gf_slide_describe (slide);
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkLabel *label;

  gf_add_slide_dialog_present (GTK_WIDGET (fixture->window), fixture->db, slide);
  gf_test_ui_spin_until (has_dialog, NULL, 5000, "the dialog");
  dialog = find_dialog ();
  extra = adw_message_dialog_get_extra_child (dialog);
  label = find_named (extra, "description");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);
  g_assert_nonnull (strstr (expected, "4"));
  g_assert_null (find_named (extra, "classify"));
  save_window (GTK_WIDGET (dialog), "add-slide-chart.png");

  gtk_window_close (GTK_WINDOW (dialog));
  gf_test_ui_spin_until (has_no_dialog, NULL, 5000, "the dialog to close");
}

int
main (int   argc,
      char *argv[])
{
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/add-slide/offered", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_offered, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/add-slide/briefing", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_briefing, gf_test_ui_charts_tear_down);

  g_test_add ("/ui/add-slide/dialog", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_dialog, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/add-slide/land", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_land, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/add-slide/map-classes", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_map_classes, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/add-slide/description", Fixture, NULL,
              gf_test_ui_charts_set_up, test_add_slide_description, gf_test_ui_charts_tear_down);

  return g_test_run ();
}
