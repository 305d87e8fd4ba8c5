/* gf-chart-view.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A widget showing one chart of the core engine. It owns a copy of the spec, computes the layout
 * when the data or the size change (never while the pointer moves), and draws it in its snapshot
 * through gtk_snapshot_append_cairo() with the same gf_chart_render() that exports and printing
 * use. The drawn chart is kept as a render node, so hovering only adds the highlight on top.
 * Nothing here reads the database: the page hands over finished numbers.
 */

#define G_LOG_DOMAIN "gf-chart-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gf-chart-render.h"
#include "gf-chart-view.h"

/* Below this size the engine has no room for an axis, a legend and labels. */
#define MIN_WIDTH  240
#define MIN_HEIGHT 160

struct _GfChartView
{
  GtkWidget      parent_instance;

  /* Owned */
  GfChartSpec   *spec;           /* the full spec, as exported */
  GfChartLayout *layout;         /* for the current size, or NULL until needed */
  GskRenderNode *chart_node;     /* the chart without the highlight */

  /* Borrowed: a shallow copy of @spec with this widget's size and options */
  GfChartSpec    shown;

  double         font_scale;     /* 0: from the size */
  int            highlighted;
  guint          show_titles : 1;
  guint          high_contrast : 1;
};

G_DEFINE_FINAL_TYPE (GfChartView, gf_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_TITLES,
  PROP_HIGH_CONTRAST,
  PROP_FONT_SCALE,
  PROP_HIGHLIGHTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
automatic_font_scale (double width,
                      double height)
{
  /* Text grows with a large chart, so that it stays readable from the back of a meeting room;
   * a dashboard card keeps the engine's sizes. */
  return CLAMP (MIN (width / 900.0, height / 520.0), 1.0, 1.6);
}

static void
invalidate_layout (GfChartView *self)
{
  g_clear_pointer (&self->layout, gf_chart_layout_free);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (GfChartView *self)
{
  const char *title = self->spec != NULL ? self->spec->title : NULL;
  const char *subtitle = self->spec != NULL ? self->spec->subtitle : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "",
                                  -1);
}

/* Computes the layout for the current size if there is none. Returns whether there is one. */
static gboolean
ensure_layout (GfChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout != NULL)
    return TRUE;
  if (self->spec == NULL || width <= 0 || height <= 0)
    return FALSE;

  self->shown = *self->spec;
  self->shown.width = width;
  self->shown.height = height;
  self->shown.high_contrast = self->high_contrast;
  self->shown.font_scale = self->font_scale > 0 ? self->font_scale
                                                : automatic_font_scale (width, height);
  if (!self->show_titles)
    {
      self->shown.title = NULL;
      self->shown.subtitle = NULL;
      self->shown.source = NULL;
    }

  self->layout = gf_chart_layout_compute (&self->shown,
                                          gtk_widget_get_pango_context (GTK_WIDGET (self)));

  return self->layout != NULL;
}

static void
set_highlighted (GfChartView *self,
                 int          category)
{
  if (self->highlighted == category)
    return;

  self->highlighted = category;
  /* The chart node stays: only the highlight is drawn again. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED]);
}

/* The categories in the order the eye reads them: rows top to bottom for ranked bars. */
static int
step_category (GfChartView *self,
               int          delta)
{
  const GfChartLayout *layout = self->layout;
  int n, position = -1;

  if (layout == NULL || !layout->has_data || layout->n_categories == 0)
    return -1;

  if (layout->kind == GF_CHART_KIND_RANKED_BAR)
    {
      n = (int) layout->n_rows;
      if (n == 0)
        return -1;
      for (int i = 0; i < n; i++)
        if (layout->rows[i] == self->highlighted)
          position = i;
      position = position < 0 ? (delta > 0 ? 0 : n - 1) : CLAMP (position + delta, 0, n - 1);
      return layout->rows[position];
    }

  n = (int) layout->n_categories;
  if (self->highlighted < 0)
    return delta > 0 ? 0 : n - 1;

  return CLAMP (self->highlighted + delta, 0, n - 1);
}

/* Callbacks */

static void
motion_cb (GfChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gf_chart_view_highlight_at (self, x, y);
}

static void
leave_cb (GfChartView              *self,
          GtkEventControllerMotion *controller)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_highlighted (self, -1);
}

static gboolean
key_pressed_cb (GfChartView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean ranked = self->layout != NULL && self->layout->kind == GF_CHART_KIND_RANKED_BAR;
  int delta = 0;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      delta = ranked ? 0 : -1;
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      delta = ranked ? 0 : 1;
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      delta = ranked ? -1 : 0;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      delta = ranked ? 1 : 0;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (delta == 0 || !ensure_layout (self) || !self->layout->has_data)
    return GDK_EVENT_PROPAGATE;

  set_highlighted (self, step_category (self, delta));
  return GDK_EVENT_STOP;
}

static void
focus_leave_cb (GfChartView *self)
{
  set_highlighted (self, -1);
}

/* GtkWidget */

static GtkSizeRequestMode
gf_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
gf_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = 560;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = 270;
    }
}

static void
gf_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GfChartView *self = GF_CHART_VIEW (widget);

  if (self->layout != NULL && (self->layout->width != width || self->layout->height != height))
    invalidate_layout (self);
}

static void
gf_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GfChartView *self = GF_CHART_VIEW (widget);
  graphene_rect_t bounds;

  if (!ensure_layout (self))
    return;

  graphene_rect_init (&bounds, 0, 0, self->layout->width, self->layout->height);

  if (self->chart_node == NULL)
    {
      GtkSnapshot *chart_snapshot = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (chart_snapshot, &bounds);

      gf_chart_render (self->layout, &self->shown, cr);
      cairo_destroy (cr);
      self->chart_node = gtk_snapshot_free_to_node (chart_snapshot);
    }

  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  if (self->highlighted >= 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      gf_chart_render_highlight (self->layout, &self->shown, cr, self->highlighted);
      cairo_destroy (cr);
    }
}

/* GObject */

static void
gf_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GfChartView *self = GF_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TITLES:
      g_value_set_boolean (value, self->show_titles);
      break;

    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;

    case PROP_FONT_SCALE:
      g_value_set_double (value, self->font_scale);
      break;

    case PROP_HIGHLIGHTED:
      g_value_set_int (value, self->highlighted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GfChartView *self = GF_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TITLES:
      gf_chart_view_set_show_titles (self, g_value_get_boolean (value));
      break;

    case PROP_HIGH_CONTRAST:
      gf_chart_view_set_high_contrast (self, g_value_get_boolean (value));
      break;

    case PROP_FONT_SCALE:
      gf_chart_view_set_font_scale (self, g_value_get_double (value));
      break;

    case PROP_HIGHLIGHTED:
      gf_chart_view_set_highlighted (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_chart_view_finalize (GObject *object)
{
  GfChartView *self = GF_CHART_VIEW (object);

  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->layout, gf_chart_layout_free);
  g_clear_pointer (&self->spec, gf_chart_spec_free);

  G_OBJECT_CLASS (gf_chart_view_parent_class)->finalize (object);
}

static void
gf_chart_view_class_init (GfChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gf_chart_view_get_property;
  object_class->set_property = gf_chart_view_set_property;
  object_class->finalize = gf_chart_view_finalize;

  widget_class->get_request_mode = gf_chart_view_get_request_mode;
  widget_class->measure = gf_chart_view_measure;
  widget_class->size_allocate = gf_chart_view_size_allocate;
  widget_class->snapshot = gf_chart_view_snapshot;

  /**
   * GfChartView:show-titles:
   *
   * Whether the title, subtitle and source line are drawn in the chart. A dashboard card shows
   * them in its own header and leaves the room to the data.
   */
  properties[PROP_SHOW_TITLES] =
    g_param_spec_boolean ("show-titles", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfChartView:high-contrast:
   *
   * Whether the high-contrast palette, darker ink and thicker lines are used.
   */
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfChartView:font-scale:
   *
   * The factor on every font size; 0 picks one from the size (1 up to 900 × 520 pixels, up to
   * 1.6 on a large screen).
   */
  properties[PROP_FONT_SCALE] =
    g_param_spec_double ("font-scale", NULL, NULL, 0, 8, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfChartView:highlighted:
   *
   * The category (year, cluster) whose values are shown in a callout, or -1.
   */
  properties[PROP_HIGHLIGHTED] =
    g_param_spec_int ("highlighted", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "gf-chart-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gf_chart_view_init (GfChartView *self)
{
  GtkEventController *controller;

  self->font_scale = 1;
  self->highlighted = -1;
  self->show_titles = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Public API */

GtkWidget *
gf_chart_view_new (void)
{
  return g_object_new (GF_TYPE_CHART_VIEW, NULL);
}

/**
 * gf_chart_view_set_spec:
 * @spec: (nullable): what to draw; it is copied, and its width and height are ignored (the
 *   widget's size is used)
 *
 * Shows a new chart. The highlight stays on the same category when there still is one.
 */
void
gf_chart_view_set_spec (GfChartView       *self,
                        const GfChartSpec *spec)
{
  g_return_if_fail (GF_IS_CHART_VIEW (self));

  g_clear_pointer (&self->spec, gf_chart_spec_free);
  if (spec != NULL)
    self->spec = gf_chart_spec_copy (spec);
  memset (&self->shown, 0, sizeof self->shown);

  invalidate_layout (self);
  update_accessible (self);

  if (self->spec == NULL || self->highlighted >= (int) self->spec->n_categories)
    set_highlighted (self, -1);
}

/**
 * gf_chart_view_get_spec:
 *
 * Returns: (transfer none) (nullable): the full spec shown (titles included, whatever
 *   #GfChartView:show-titles says); its size is the last one set, not the widget's
 */
const GfChartSpec *
gf_chart_view_get_spec (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), NULL);

  return self->spec;
}

/**
 * gf_chart_view_get_layout:
 *
 * Computes the layout if the widget has a size and none is computed yet.
 *
 * Returns: (transfer none) (nullable): the layout drawn, valid until the spec or the size
 *   changes; %NULL before the widget has a size
 */
const GfChartLayout *
gf_chart_view_get_layout (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), NULL);

  ensure_layout (self);
  return self->layout;
}

gboolean
gf_chart_view_get_show_titles (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), FALSE);

  return self->show_titles;
}

void
gf_chart_view_set_show_titles (GfChartView *self,
                               gboolean     show_titles)
{
  g_return_if_fail (GF_IS_CHART_VIEW (self));

  show_titles = !!show_titles;
  if (self->show_titles == show_titles)
    return;

  self->show_titles = show_titles;
  invalidate_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TITLES]);
}

gboolean
gf_chart_view_get_high_contrast (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), FALSE);

  return self->high_contrast;
}

void
gf_chart_view_set_high_contrast (GfChartView *self,
                                 gboolean     high_contrast)
{
  g_return_if_fail (GF_IS_CHART_VIEW (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;

  self->high_contrast = high_contrast;
  invalidate_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

double
gf_chart_view_get_font_scale (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), 1);

  return self->font_scale;
}

void
gf_chart_view_set_font_scale (GfChartView *self,
                              double       font_scale)
{
  g_return_if_fail (GF_IS_CHART_VIEW (self));
  g_return_if_fail (font_scale >= 0);

  if (self->font_scale == font_scale)
    return;

  self->font_scale = font_scale;
  invalidate_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SCALE]);
}

/**
 * gf_chart_view_get_highlighted:
 *
 * Returns: the highlighted category, or -1
 */
int
gf_chart_view_get_highlighted (GfChartView *self)
{
  g_return_val_if_fail (GF_IS_CHART_VIEW (self), -1);

  return self->highlighted;
}

/**
 * gf_chart_view_set_highlighted:
 * @category: a category index, or -1 for none
 *
 * Shows the values of every series in @category in a callout.
 */
void
gf_chart_view_set_highlighted (GfChartView *self,
                               int          category)
{
  g_return_if_fail (GF_IS_CHART_VIEW (self));

  if (self->spec == NULL || category < 0 || category >= (int) self->spec->n_categories)
    category = -1;

  set_highlighted (self, category);
}

/**
 * gf_chart_view_highlight_at:
 * @x: a widget x
 * @y: a widget y
 *
 * What the pointer does: highlights the category under (@x, @y), or none.
 *
 * Returns: the highlighted category, or -1
 */
int
gf_chart_view_highlight_at (GfChartView *self,
                            double       x,
                            double       y)
{
  int category = -1;

  g_return_val_if_fail (GF_IS_CHART_VIEW (self), -1);

  if (ensure_layout (self))
    category = gf_chart_layout_category_at (self->layout, x, y);

  set_highlighted (self, category);

  return category;
}
