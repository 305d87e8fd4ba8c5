/* test-briefing.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter on the sample district's briefing (keys move between pages, Esc leaves, the
 * slide is drawn letterboxed on black) and the Briefings dialog (slides in order, moves and
 * removals through its actions, a handout exported in its worker thread, and win.briefings
 * in the main window), and the slides of several indicators and of chosen villages presented.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gf-briefing-window.h"
#include "gf-briefings-dialog.h"
#include "gf-store.h"
#include "gf-test-ui.h"
#include "gf-window.h"

#define SAMPLE_BRIEFING "示例区共富工作汇报"
#define SAMPLE_PAGES 11

typedef struct
{
  char       *dir;
  GfDatabase *db;
} Fixture;

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->db = gf_test_ui_open_database ("gf-ui-briefing-XXXXXX", TRUE, &fixture->dir, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gf_test_ui_close_database (fixture->db, fixture->dir);
  g_free (fixture->dir);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
set_flag_cb (gpointer  instance,
             gboolean *flag)
{
  *flag = TRUE;
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }

  g_assert_not_reached ();
}

static gboolean
press_key (GtkEventController *controller,
           guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  return handled;
}

/* The colour of the canvas at a point, rendered as the window's renderer draws it. */
static void
pixel_at (GtkWidget *widget,
          int        x,
          int        y,
          guchar     rgba[4])
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guchar *data = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  /* Cairo's memory format: B, G, R, A on little-endian machines. */
  memcpy (rgba, data + ((gsize) y * width + x) * 4, 4);
}

static void
test_presenter_keys (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = gf_store_find_briefing (fixture->db, SAMPLE_BRIEFING, &error);
  GfBriefingWindow *window;
  GtkEventController *keys;
  GtkWidget *canvas;
  gpointer weak;
  gboolean destroyed = FALSE;
  guint n_notify = 0;
  guchar pixel[4];

  g_assert_no_error (error);
  window = gf_briefing_window_new (NULL, fixture->db, briefing, &error);
  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, window, 10000, "the presenter to be mapped");

  g_assert_cmpuint (gf_briefing_window_get_n_pages (window), ==, SAMPLE_PAGES);
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 0);
  g_signal_connect (window, "notify::page", G_CALLBACK (count_notify_cb), &n_notify);
  g_signal_connect (window, "destroy", G_CALLBACK (set_flag_cb), &destroyed);

  /* Actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "briefing.next", NULL));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 1);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "briefing.previous", NULL));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 0);
  g_assert_cmpuint (n_notify, ==, 2);

  /* Keys, as the window's key controller receives them. */
  keys = find_key_controller (GTK_WIDGET (window));
  g_assert_true (press_key (keys, GDK_KEY_Right));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 1);
  g_assert_true (press_key (keys, GDK_KEY_Page_Down));
  g_assert_true (press_key (keys, GDK_KEY_space));
  g_assert_true (press_key (keys, GDK_KEY_Down));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 4);
  g_assert_true (press_key (keys, GDK_KEY_Left));
  g_assert_true (press_key (keys, GDK_KEY_Page_Up));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 2);
  g_assert_true (press_key (keys, GDK_KEY_Up));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 1);
  g_assert_true (press_key (keys, GDK_KEY_End));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, SAMPLE_PAGES - 1);
  /* Past the end nothing moves, and the key is still taken. */
  n_notify = 0;
  g_assert_true (press_key (keys, GDK_KEY_Right));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, SAMPLE_PAGES - 1);
  g_assert_cmpuint (n_notify, ==, 0);
  g_assert_true (press_key (keys, GDK_KEY_Home));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 0);
  g_assert_true (press_key (keys, GDK_KEY_Left));
  g_assert_cmpuint (gf_briefing_window_get_page (window), ==, 0);
  g_assert_cmpuint (n_notify, ==, 1);
  /* Other keys are left to the window. */
  g_assert_false (press_key (keys, GDK_KEY_a));

  /* Every page draws; the middle of the canvas is the white page, and a canvas wider than
   * 16:9 has black bars at its sides. */
  canvas = gtk_widget_get_first_child (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (canvas));
  /* Let the window take its (full-screen) size before drawing it by hand. */
  gf_test_ui_spin_for (300);
  for (guint page = 0; page < SAMPLE_PAGES; page++)
    {
      gf_briefing_window_set_page (window, page);
      pixel_at (canvas, gtk_widget_get_width (canvas) / 2, 5, pixel);
    }
  gf_briefing_window_set_page (window, 0);
  /* A point of the title page above its first line (page y 150 of 720, the text starts at
   * 190), wherever the letterboxed page sits: the middle of the canvas falls on the title or
   * between its lines depending on the window's size. */
  {
    double w = gtk_widget_get_width (canvas), h = gtk_widget_get_height (canvas);
    double scale = MIN (w / GF_BRIEFING_WIDTH, h / GF_BRIEFING_HEIGHT);

    pixel_at (canvas, (int) (w / 2), (int) ((h - GF_BRIEFING_HEIGHT * scale) / 2 + 150 * scale),
              pixel);
  }
  g_assert_cmpuint (pixel[0], >, 240);
  g_assert_cmpuint (pixel[1], >, 240);
  g_assert_cmpuint (pixel[2], >, 240);
  if (gtk_widget_get_width (canvas) * 9 > gtk_widget_get_height (canvas) * 16 + 32)
    {
      pixel_at (canvas, 2, gtk_widget_get_height (canvas) / 2, pixel);
      g_assert_cmpuint (pixel[0] + pixel[1] + pixel[2], ==, 0);
    }

  /* Esc leaves: the window is closed, and gone once the test lets it go. */
  g_assert_true (press_key (keys, GDK_KEY_Escape));
  gf_test_ui_spin_until (is_hidden, window, 5000, "the presenter to close");
  g_assert_false (destroyed);

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_object_unref (window);
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the presenter to be finalized");
  g_assert_true (destroyed);
}

static GfBriefing *
find_sample (GfDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GfBriefing *briefing = gf_store_find_briefing (db, SAMPLE_BRIEFING, &error);

  g_assert_no_error (error);
  return briefing;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child)
         && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (child)) >= 0;

  return n;
}

static gboolean
has_presenter (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GF_IS_BRIEFING_WINDOW (window))
        {
          *(gpointer *) data = window;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
export_done (gpointer data)
{
  GtkRevealer *revealer = data;

  return !gtk_revealer_get_reveal_child (revealer);
}

static void
test_dialog (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GfBriefing) sample = find_sample (fixture->db);
  g_autoptr(GfBriefing) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "handout", NULL);
  g_autofree char *pdf_path = g_strconcat (pdf, ".pdf", NULL);
  g_autofree char *contents = NULL;
  GfBriefingsDialog *dialog;
  GtkWidget *briefing_list, *slide_list;
  GtkRevealer *revealer;
  gpointer presenter = NULL;
  gpointer weak;
  gint64 first, second, other;

  dialog = gf_briefings_dialog_new (NULL, fixture->db);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, dialog, 10000, "the dialog to be mapped");

  briefing_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                             GF_TYPE_BRIEFINGS_DIALOG,
                                                             "briefing_list"));
  slide_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                          GF_TYPE_BRIEFINGS_DIALOG,
                                                          "slide_list"));
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                          GF_TYPE_BRIEFINGS_DIALOG,
                                                          "export_revealer"));

  g_assert_cmpint (gf_briefings_dialog_get_selected (dialog), ==, sample->id);
  g_assert_cmpuint (count_rows (briefing_list), ==, 1);
  g_assert_cmpuint (count_rows (slide_list), ==, SAMPLE_PAGES - 1);

  /* Move the first slide down and remove the new first one. */
  first = ((GfSlide *) g_ptr_array_index (sample->slides, 0))->id;
  second = ((GfSlide *) g_ptr_array_index (sample->slides, 1))->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "slide.move-down", "x", first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "slide.remove", "x", second));
  after = find_sample (fixture->db);
  g_assert_cmpuint (after->slides->len, ==, SAMPLE_PAGES - 2);
  g_assert_cmpint (((GfSlide *) g_ptr_array_index (after->slides, 0))->id, ==, first);
  g_assert_cmpuint (count_rows (slide_list), ==, SAMPLE_PAGES - 2);
  /* Up from the top does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "slide.move-up", "x", first));
  g_clear_pointer (&after, gf_briefing_free);
  after = find_sample (fixture->db);
  g_assert_cmpint (((GfSlide *) g_ptr_array_index (after->slides, 0))->id, ==, first);

  /* A briefing made elsewhere appears; choosing it shows its (no) slides. */
  g_assert_true (gf_store_create_briefing (fixture->db, "空汇报", NULL, &other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (briefing_list), ==, 2);
  gf_briefings_dialog_select (dialog, other);
  g_assert_cmpint (gf_briefings_dialog_get_selected (dialog), ==, other);
  g_assert_cmpuint (count_rows (slide_list), ==, 0);
  g_assert_true (gf_store_delete_briefing (fixture->db, other, &error));
  g_assert_cmpint (gf_briefings_dialog_get_selected (dialog), ==, sample->id);
  g_assert_cmpuint (count_rows (briefing_list), ==, 1);

  /* Present opens the presenter on the chosen briefing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "briefings.present", NULL));
  gf_test_ui_spin_until (has_presenter, &presenter, 5000, "the presenter");
  g_assert_cmpuint (gf_briefing_window_get_n_pages (presenter), ==, SAMPLE_PAGES - 1);
  weak = presenter;
  g_object_add_weak_pointer (G_OBJECT (presenter), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presenter), "briefing.leave", NULL));
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the presenter to be finalized");

  /* The handout is written in the worker thread; ".pdf" is added to the name. */
  file = g_file_new_for_path (pdf);
  gf_briefings_dialog_export (dialog, file);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  gf_test_ui_spin_until (export_done, revealer, 30000, "the export");
  g_assert_true (g_file_get_contents (pdf_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the dialog to be finalized");
}

static gboolean
has_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GF_IS_BRIEFINGS_DIALOG (window))
        {
          *(gpointer *) data = window;
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_window_action (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GfWindow *window = gf_window_new (NULL);
  gpointer dialog = NULL;
  gpointer weak;

  gf_window_set_database (window, fixture->db, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, window, 10000, "the window to be mapped");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.briefings", NULL));
  gf_test_ui_spin_until (has_dialog, &dialog, 5000, "the Briefings dialog");
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the window to be finalized");
}

/* Saves what the canvas shows, when GF_TEST_SCREENSHOT_DIR names a directory: to look at it. */
static void
save_canvas (GtkWidget  *canvas,
             const char *name)
{
  const char *dir = g_getenv ("GF_TEST_SCREENSHOT_DIR");
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;

  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (gtk_widget_get_parent (canvas), canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (canvas));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              gtk_widget_get_width (canvas),
                                                              gtk_widget_get_height (canvas)));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The slides the Charts view now makes: several indicators stacked by cluster, and a line per
 * chosen village. They present as charts, not as a message. */
static void
test_presenter_new_slides (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char * const land[] = {
    "land_transferred", "high_standard_farmland", "idle_land_revived", "shared_garden_adopted",
  };
  static const char * const income[] = { "coll_operating_income" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfBriefingRenderer) renderer = NULL;
  g_autoptr(GfSlide) land_slide = NULL;
  g_autoptr(GfSlide) village_slide = NULL;
  GfChartRequest request = { 0 };
  GfBriefingWindow *window;
  gint64 villages[2];
  gint64 id;
  guchar pixel[4];
  gpointer weak;

  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901001001",
                                     &villages[0], &error));
  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901102204",
                                     &villages[1], &error));
  g_assert_no_error (error);

  request.kind = GF_CHART_KIND_STACKED_BAR;
  request.indicators = land;
  request.n_indicators = G_N_ELEMENTS (land);
  request.subject = GF_CHART_SUBJECT_CLUSTERS;
  land_slide = gf_slide_new_chart (&request, "Land use by cluster");

  request.kind = GF_CHART_KIND_LINE;
  request.indicators = income;
  request.n_indicators = 1;
  request.subject = GF_CHART_SUBJECT_VILLAGES;
  request.subject_ids = villages;
  request.n_subjects = G_N_ELEMENTS (villages);
  village_slide = gf_slide_new_chart (&request, NULL);

  g_assert_true (gf_store_create_briefing (fixture->db, "新图表", NULL, &id, &error));
  g_assert_true (gf_store_add_slide (fixture->db, id, land_slide, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (fixture->db, id, village_slide, -1, NULL, &error));
  g_assert_no_error (error);
  briefing = gf_store_get_briefing (fixture->db, id, &error);
  g_assert_no_error (error);

  /* Pages: the title, then the two slides, each a chart. */
  renderer = gf_briefing_renderer_new (fixture->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_briefing_renderer_get_n_pages (renderer), ==, 3);
  g_assert_null (gf_briefing_renderer_get_message (renderer, 1));
  g_assert_null (gf_briefing_renderer_get_message (renderer, 2));
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 1), ==, "Land use by cluster");

  window = gf_briefing_window_new (NULL, fixture->db, briefing, &error);
  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, window, 10000, "the presenter to be mapped");
  gf_test_ui_spin_for (300);
  g_assert_cmpuint (gf_briefing_window_get_n_pages (window), ==, 3);

  for (guint page = 1; page < 3; page++)
    {
      GtkWidget *canvas = gtk_widget_get_first_child (GTK_WIDGET (window));
      g_autofree char *name = g_strdup_printf ("presenter-page%u.png", page);

      gf_briefing_window_set_page (window, page);
      gf_test_ui_spin_for (100);
      /* The white page in the middle of the canvas. */
      pixel_at (canvas, gtk_widget_get_width (canvas) / 2, 5, pixel);
      save_canvas (canvas, name);
    }

  gtk_window_close (GTK_WINDOW (window));
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_object_unref (window);
  gf_test_ui_spin_until (gf_test_ui_is_null, &weak, 5000, "the presenter to be finalized");
}

int
main (int   argc,
      char *argv[])
{
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/briefing/presenter-keys", Fixture, NULL,
              fixture_set_up, test_presenter_keys, fixture_tear_down);
  g_test_add ("/ui/briefing/dialog", Fixture, NULL,
              fixture_set_up, test_dialog, fixture_tear_down);
  g_test_add ("/ui/briefing/window-action", Fixture, NULL,
              fixture_set_up, test_window_action, fixture_tear_down);
  g_test_add ("/ui/briefing/new-slides", Fixture, NULL,
              fixture_set_up, test_presenter_new_slides, fixture_tear_down);

  return g_test_run ();
}
