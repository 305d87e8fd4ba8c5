/* gf-briefing-window.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter: a full-screen window that shows one page of a briefing at a time, on the
 * fixed 16:9 canvas of the core renderer, scaled to the screen with black bars. The keys of a
 * presentation clicker (Page Down and Page Up) and of the keyboard move between pages, without
 * animation; Esc leaves. The page's footer carries the counter ("page 3 of 10").
 *
 * Pages are prepared (their series queried, their charts laid out) when they are shown and the
 * next one at idle, so that drawing never queries the database.
 */

#define G_LOG_DOMAIN "gf-briefing-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gf-briefing-window.h"

/* GfBriefingCanvas: draws one page of the window's renderer, letterboxed on black. */

#define GF_TYPE_BRIEFING_CANVAS (gf_briefing_canvas_get_type ())

G_DECLARE_FINAL_TYPE (GfBriefingCanvas, gf_briefing_canvas, GF, BRIEFING_CANVAS, GtkWidget)

struct _GfBriefingCanvas
{
  GtkWidget           parent_instance;

  /* Borrowed: the window owns the renderer and outlives its child */
  GfBriefingRenderer *renderer;
  guint               page;
};

G_DEFINE_FINAL_TYPE (GfBriefingCanvas, gf_briefing_canvas, GTK_TYPE_WIDGET)

static void
gf_briefing_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GfBriefingCanvas *self = GF_BRIEFING_CANVAS (widget);
  const GdkRGBA black = { 0, 0, 0, 1 };
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double scale, w, h;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->renderer == NULL || width < 1 || height < 1)
    return;

  /* The node covers the 16:9 box only; the renderer centres the page in the same box. */
  scale = MIN (width / GF_BRIEFING_WIDTH, height / GF_BRIEFING_HEIGHT);
  w = GF_BRIEFING_WIDTH * scale;
  h = GF_BRIEFING_HEIGHT * scale;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT ((width - w) / 2, (height - h) / 2, w, h));
  gf_briefing_render_page (self->renderer, self->page, cr, width, height,
                           GF_BRIEFING_RENDER_PAGE_NUMBER);
  cairo_destroy (cr);
}

static void
gf_briefing_canvas_class_init (GfBriefingCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = gf_briefing_canvas_snapshot;
  gtk_widget_class_set_css_name (widget_class, "gf-briefing-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gf_briefing_canvas_init (GfBriefingCanvas *self)
{
}

/* GfBriefingWindow */

struct _GfBriefingWindow
{
  GtkWindow           parent_instance;

  /* Template widgets */
  GfBriefingCanvas   *canvas;

  /* Owned */
  GfBriefingRenderer *renderer;

  guint               page;
  guint               n_pages;
  guint               prepare_source;
};

G_DEFINE_FINAL_TYPE (GfBriefingWindow, gf_briefing_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  guint       keyval;
  const char *action;
} keys[] = {
  { GDK_KEY_Right, "briefing.next" },
  { GDK_KEY_Down, "briefing.next" },
  { GDK_KEY_Page_Down, "briefing.next" },
  { GDK_KEY_space, "briefing.next" },
  { GDK_KEY_Return, "briefing.next" },
  { GDK_KEY_KP_Right, "briefing.next" },
  { GDK_KEY_KP_Down, "briefing.next" },
  { GDK_KEY_KP_Page_Down, "briefing.next" },
  { GDK_KEY_KP_Space, "briefing.next" },
  { GDK_KEY_KP_Enter, "briefing.next" },
  { GDK_KEY_Left, "briefing.previous" },
  { GDK_KEY_Up, "briefing.previous" },
  { GDK_KEY_Page_Up, "briefing.previous" },
  { GDK_KEY_BackSpace, "briefing.previous" },
  { GDK_KEY_KP_Left, "briefing.previous" },
  { GDK_KEY_KP_Up, "briefing.previous" },
  { GDK_KEY_KP_Page_Up, "briefing.previous" },
  { GDK_KEY_Home, "briefing.first" },
  { GDK_KEY_KP_Home, "briefing.first" },
  { GDK_KEY_End, "briefing.last" },
  { GDK_KEY_KP_End, "briefing.last" },
  { GDK_KEY_Escape, "briefing.leave" },
};

static gboolean
prepare_neighbours_cb (gpointer user_data)
{
  GfBriefingWindow *self = user_data;

  self->prepare_source = 0;
  if (self->page + 1 < self->n_pages)
    gf_briefing_renderer_prepare (self->renderer, self->page + 1);
  if (self->page > 0)
    gf_briefing_renderer_prepare (self->renderer, self->page - 1);

  return G_SOURCE_REMOVE;
}

static void
update_page (GfBriefingWindow *self)
{
  g_autofree char *label = NULL;

  gf_briefing_renderer_prepare (self->renderer, self->page);
  self->canvas->page = self->page;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  /* Translators: what a screen reader says of the presenter; %u are numbers, %s a title */
  label = g_strdup_printf (_("Page %u of %u: %s"), self->page + 1, self->n_pages,
                           gf_briefing_renderer_get_title (self->renderer, self->page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.first", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.next",
                                 self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.last",
                                 self->page + 1 < self->n_pages);

  if (self->prepare_source == 0)
    self->prepare_source = g_idle_add_full (G_PRIORITY_LOW, prepare_neighbours_cb, self, NULL);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (widget);

  if (self->page + 1 < self->n_pages)
    gf_briefing_window_set_page (self, self->page + 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (widget);

  if (self->page > 0)
    gf_briefing_window_set_page (self, self->page - 1);
}

static void
first_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gf_briefing_window_set_page (GF_BRIEFING_WINDOW (widget), 0);
}

static void
last_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (widget);

  gf_briefing_window_set_page (self, self->n_pages - 1);
}

static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* A clicker sends Page Up and Page Down; any other key of the list works as well. Keys are
 * handled here rather than as shortcuts so that a disabled action (next on the last page)
 * still swallows its key. */
static gboolean
key_pressed_cb (GfBriefingWindow      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].keyval == keyval)
      {
        gtk_widget_activate_action (GTK_WIDGET (self), keys[i].action, NULL);
        return TRUE;
      }

  return FALSE;
}

static void
click_pressed_cb (GfBriefingWindow *self,
                  int               n_press,
                  double            x,
                  double            y,
                  GtkGestureClick  *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_activate_action (GTK_WIDGET (self),
                              button == GDK_BUTTON_SECONDARY ? "briefing.previous"
                                                             : "briefing.next",
                              NULL);
}

static void
gf_briefing_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_briefing_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      gf_briefing_window_set_page (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_briefing_window_dispose (GObject *object)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (object);

  g_clear_handle_id (&self->prepare_source, g_source_remove);
  if (self->canvas != NULL)
    self->canvas->renderer = NULL;

  /* The canvas is both the window's child and a template child: let the window drop it
   * first, or its dispose would unparent a child the template has already unparented. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_BRIEFING_WINDOW);

  G_OBJECT_CLASS (gf_briefing_window_parent_class)->dispose (object);
}

static void
gf_briefing_window_finalize (GObject *object)
{
  GfBriefingWindow *self = GF_BRIEFING_WINDOW (object);

  g_clear_pointer (&self->renderer, gf_briefing_renderer_free);

  G_OBJECT_CLASS (gf_briefing_window_parent_class)->finalize (object);
}

static void
gf_briefing_window_class_init (GfBriefingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gf_briefing_window_get_property;
  object_class->set_property = gf_briefing_window_set_property;
  object_class->dispose = gf_briefing_window_dispose;
  object_class->finalize = gf_briefing_window_finalize;

  /**
   * GfBriefingWindow:page:
   *
   * The page shown: 0 is the title page, 1 the first slide.
   */
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfBriefingWindow:n-pages:
   *
   * The title page and the slides.
   */
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GF_TYPE_BRIEFING_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-briefing-window.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfBriefingWindow, canvas);

  gtk_widget_class_install_action (widget_class, "briefing.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "briefing.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "briefing.first", NULL, first_activated);
  gtk_widget_class_install_action (widget_class, "briefing.last", NULL, last_activated);
  gtk_widget_class_install_action (widget_class, "briefing.leave", NULL, leave_activated);
}

static void
gf_briefing_window_init (GfBriefingWindow *self)
{
  GtkEventController *keys_controller;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys_controller = gtk_event_controller_key_new ();
  g_signal_connect_object (keys_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys_controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));
}

/**
 * gf_briefing_window_new:
 * @parent: (nullable): the window it is presented from
 * @database: the main thread's database; a reference is taken
 * @briefing: the briefing to present; it is copied
 * @error: return location for a #GError
 *
 * Creates the presenter, full screen, on the title page. Present it with
 * gtk_window_present().
 *
 * Returns: (transfer none) (nullable): the window, owned by GTK's window list
 */
GfBriefingWindow *
gf_briefing_window_new (GtkWindow         *parent,
                        GfDatabase        *database,
                        const GfBriefing  *briefing,
                        GError           **error)
{
  GfBriefingRenderer *renderer;
  GfBriefingWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GF_IS_DATABASE (database), NULL);
  g_return_val_if_fail (briefing != NULL, NULL);

  renderer = gf_briefing_renderer_new (database, briefing, error);
  if (renderer == NULL)
    return NULL;

  self = g_object_new (GF_TYPE_BRIEFING_WINDOW,
                       "title", briefing->name,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  self->renderer = renderer;
  self->n_pages = gf_briefing_renderer_get_n_pages (renderer);
  self->canvas->renderer = renderer;
  update_page (self);

  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  return self;
}

guint
gf_briefing_window_get_page (GfBriefingWindow *self)
{
  g_return_val_if_fail (GF_IS_BRIEFING_WINDOW (self), 0);

  return self->page;
}

/**
 * gf_briefing_window_set_page:
 * @page: 0 for the title page, 1 + n for slide n; clamped to the last page
 */
void
gf_briefing_window_set_page (GfBriefingWindow *self,
                             guint             page)
{
  g_return_if_fail (GF_IS_BRIEFING_WINDOW (self));

  if (self->n_pages == 0)
    return;

  page = MIN (page, self->n_pages - 1);
  if (page == self->page)
    return;

  self->page = page;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

guint
gf_briefing_window_get_n_pages (GfBriefingWindow *self)
{
  g_return_val_if_fail (GF_IS_BRIEFING_WINDOW (self), 0);

  return self->n_pages;
}
