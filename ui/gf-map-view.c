/* gf-map-view.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map: a ShumateMap that needs no network, whose viewport's reference source draws nothing
 * (GfNullSource), with two layers: the features as tiles rendered in worker threads
 * (a ShumateMapLayer over GfTileSource) and a light overlay for the hover and the selection
 * (GfMapOverlay). Around it: zoom buttons, a scale bar, the keyboard (+/- zoom, arrows pan,
 * Esc clears the selection) and the click that selects what is under the pointer. In plan
 * mode the click reports the village instead (village-clicked), and Shift+drag draws a lasso
 * on a drawing area over the map (lasso).
 */

#define G_LOG_DOMAIN "gf-map-view"

#include "config.h"

#include <math.h>

#include "gf-basemap.h"
#include "gf-map-overlay.h"
#include "gf-map-view.h"
#include "gf-null-source.h"

/* A press and a release further apart than this are a drag, not a click (logical pixels). */
#define CLICK_SLOP 6.0
/* How near a site symbol or a route the pointer must be to hit it (logical pixels). */
#define PICK_TOLERANCE 7.0
/* Pixels an arrow key pans. */
#define PAN_STEP 96
/* Free pixels around a feature the map zooms to: the search entry and the buttons float
 * over the map's corners. */
#define FIT_PADDING 48.0
#define MIN_ZOOM 3
#define MAX_ZOOM 18
/* No zoom change for this long ends a pinch or an animated zoom (milliseconds). */
#define ZOOM_SETTLE_MS 150

struct _GfMapView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkOverlay       *overlay;
  ShumateMap       *map;
  ShumateScale     *scale;
  GtkWidget        *controls;

  /* Owned */
  ShumateMapSource *null_source;
  GfTileSource     *tile_source;
  GfMapData        *data;
  GfMapStyle       *style;
  GfBasemap        *basemap;         /* follows the basemap settings by itself */

  /* Borrowed: children of the map */
  ShumateMapLayer  *tile_layer;
  GfMapOverlay     *overlay_layer;

  guint             layers;
  GfMapFeatureKind  selection_kind;
  int               selection_index;
  GfMapFeatureKind  hover_kind;
  int               hover_index;

  /* A click: where the primary button went down */
  double            press_x;
  double            press_y;

  /* Zoom to fit: what was fitted and at which size, kept in view until the user moves */
  GfMapFeatureKind  fit_kind;          /* NONE for the whole district */
  int               fit_index;
  int               fit_width;
  int               fit_height;
  guint             fit_tick_id;
  guint             refit_idle_id;

  /* The tiles' display scale follows the zoom once it has settled */
  guint             zoom_settle_id;
  int               scale_zoom_level;  /* the whole zoom it was last set at, or -1 */

  /* Anchoring: where the map was in the window, to keep its content in place when a side
   * panel opens or closes */
  graphene_point_t  last_origin;
  int               last_width;
  int               last_height;
  double            anchor_dx;         /* pending shift of the centre, logical pixels */
  double            anchor_dy;
  guint             anchor_idle_id;

  /* Planning: clicks assign villages (village-clicked) and Shift+drag draws a lasso */
  GtkWidget        *lasso_area;        /* borrowed: an overlay child */
  GArray           *lasso_points;      /* double x, y pairs in map widget pixels */
  double            lasso_start_x;
  double            lasso_start_y;

  guint             press_valid : 1;
  guint             plan_mode : 1;
  guint             fit_pending : 1;   /* the first data waits for a size to be fitted */
  guint             fitting : 1;       /* the viewport moves by our own doing */
  guint             auto_fit : 1;
};

G_DEFINE_FINAL_TYPE (GfMapView, gf_map_view, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  VILLAGE_CLICKED,
  LASSO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
index_is_valid (GfMapData        *data,
                GfMapFeatureKind  kind,
                int               index)
{
  if (data == NULL || index < 0)
    return FALSE;

  switch (kind)
    {
    case GF_MAP_FEATURE_TOWN:
      return (guint) index < gf_map_data_get_n_towns (data);
    case GF_MAP_FEATURE_CLUSTER:
      return (guint) index < gf_map_data_get_n_clusters (data);
    case GF_MAP_FEATURE_VILLAGE:
      return (guint) index < gf_map_data_get_n_villages (data);
    case GF_MAP_FEATURE_SITE:
      return (guint) index < gf_map_data_get_n_sites (data);
    case GF_MAP_FEATURE_NONE:
    default:
      return FALSE;
    }
}

static gboolean
data_is_empty (GfMapData *data)
{
  return gf_map_data_get_n_villages (data) == 0 && gf_map_data_get_n_towns (data) == 0
         && gf_map_data_get_district (data) == NULL;
}

static gint64
feature_id (GfMapData        *data,
            GfMapFeatureKind  kind,
            int               index)
{
  if (!index_is_valid (data, kind, index))
    return 0;

  switch (kind)
    {
    case GF_MAP_FEATURE_TOWN:
      return gf_map_data_get_town (data, index)->id;
    case GF_MAP_FEATURE_CLUSTER:
      return gf_map_data_get_cluster (data, index)->id;
    case GF_MAP_FEATURE_VILLAGE:
      return gf_map_data_get_village (data, index)->id;
    case GF_MAP_FEATURE_SITE:
      return gf_map_data_get_site (data, index)->id;
    case GF_MAP_FEATURE_NONE:
    default:
      return 0;
    }
}

static int
find_feature (GfMapData        *data,
              GfMapFeatureKind  kind,
              gint64            id)
{
  switch (kind)
    {
    case GF_MAP_FEATURE_CLUSTER:
      return gf_map_data_find_cluster (data, id);
    case GF_MAP_FEATURE_VILLAGE:
      return gf_map_data_find_village (data, id);
    case GF_MAP_FEATURE_TOWN:
      for (guint i = 0; i < gf_map_data_get_n_towns (data); i++)
        if (gf_map_data_get_town (data, i)->id == id)
          return (int) i;
      return -1;
    case GF_MAP_FEATURE_SITE:
      for (guint i = 0; i < gf_map_data_get_n_sites (data); i++)
        if (gf_map_data_get_site (data, i)->id == id)
          return (int) i;
      return -1;
    case GF_MAP_FEATURE_NONE:
    default:
      return -1;
    }
}

static void
update_actions (GfMapView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-to-selection",
                                 self->selection_kind != GF_MAP_FEATURE_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.clear-selection",
                                 self->selection_kind != GF_MAP_FEATURE_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-to-district", self->data != NULL);
}

static void
set_selection (GfMapView        *self,
               GfMapFeatureKind  kind,
               int               index,
               gboolean          notify)
{
  if (!index_is_valid (self->data, kind, index))
    {
      kind = GF_MAP_FEATURE_NONE;
      index = -1;
    }

  if (self->selection_kind == kind && self->selection_index == index)
    return;

  self->selection_kind = kind;
  self->selection_index = index;
  gf_map_overlay_set_selection (self->overlay_layer, kind, index);
  update_actions (self);

  if (notify)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_hover (GfMapView        *self,
           GfMapFeatureKind  kind,
           int               index)
{
  self->hover_kind = kind;
  self->hover_index = index;
  gf_map_overlay_set_hover (self->overlay_layer, kind, index);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map),
                                   kind != GF_MAP_FEATURE_NONE ? "pointer" : NULL);
}

/* Pans by (@dx, @dy) logical pixels. */
static void
pan_by (GfMapView *self,
        double     dx,
        double     dy)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double x, y, lon, lat, k;

  gf_map_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &x, &y);
  k = gf_map_world_size (shumate_viewport_get_zoom_level (viewport));
  x = CLAMP (x + dx / k, 0, 1);
  y = CLAMP (y + dy / k, 0, 1);
  gf_map_unproject (x, y, &lon, &lat);
  shumate_map_center_on (self->map, lat, lon);
}

static gboolean
zoom_to_rect (GfMapView       *self,
              const GfMapRect *rect,
              double           max_zoom)
{
  double lat, lon, zoom;

  if (!gf_map_util_fit_rect (rect, gtk_widget_get_width (GTK_WIDGET (self->map)),
                             gtk_widget_get_height (GTK_WIDGET (self->map)), FIT_PADDING,
                             max_zoom, &lat, &lon, &zoom))
    return FALSE;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->fitting = TRUE;
  shumate_map_stop_go_to (self->map);
  /* No animation: the view is where it should be at once (and tests need not wait). */
  shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, 0);
  self->fitting = FALSE;
  self->auto_fit = FALSE;

  return TRUE;
}

static void
remember_fit (GfMapView        *self,
              GfMapFeatureKind  kind,
              int               index)
{
  self->auto_fit = TRUE;
  self->fit_kind = kind;
  self->fit_index = index;
  self->fit_width = gtk_widget_get_width (GTK_WIDGET (self->map));
  self->fit_height = gtk_widget_get_height (GTK_WIDGET (self->map));
}

static gboolean
refit_idle_cb (gpointer user_data)
{
  GfMapView *self = user_data;

  self->refit_idle_id = 0;
  if (!self->auto_fit)
    return G_SOURCE_REMOVE;

  if (self->fit_kind == GF_MAP_FEATURE_NONE)
    gf_map_view_zoom_to_district (self);
  else
    gf_map_view_zoom_to_feature (self, self->fit_kind, self->fit_index);

  return G_SOURCE_REMOVE;
}

/* Until the user moves the map, what was zoomed to (the district, a cluster found by search)
 * stays whole in view as the window or the side panels change size. */
static void
viewport_changed_cb (GfMapView *self)
{
  if (!self->fitting)
    self->auto_fit = FALSE;
}

/* The magnification of the layer's tiles at the viewport's zoom. */
static void
update_display_scale (GfMapView *self)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map));

  self->scale_zoom_level = (int) floor (zoom);
  gf_tile_source_set_display_scale (self->tile_source, exp2 (zoom - floor (zoom)));
}

static gboolean
zoom_settled_cb (gpointer user_data)
{
  GfMapView *self = user_data;

  self->zoom_settle_id = 0;
  update_display_scale (self);

  return G_SOURCE_REMOVE;
}

/* A pinch or an animated zoom passes through many scales: the tiles are redrawn for the
 * zoom it ends at, not for each (they render at the previous scale meanwhile, magnified).
 * A zoom of our own (zoom to fit) jumps there at once; so does a change of the whole zoom
 * level, as a zoom button makes: the layer asks for all of its tiles anew then, which had
 * better be drawn for the scale they will be shown at than twice. */
static void
zoom_changed_cb (GfMapView *self)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map));

  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  if (self->fitting || (int) floor (zoom) != self->scale_zoom_level)
    update_display_scale (self);
  else
    self->zoom_settle_id = g_timeout_add (ZOOM_SETTLE_MS, zoom_settled_cb, self);
}

static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  GfMapView *self = GF_MAP_VIEW (widget);

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;

  self->fit_tick_id = 0;
  if (self->fit_pending)
    {
      self->fit_pending = FALSE;
      gf_map_view_zoom_to_district (self);
    }

  return G_SOURCE_REMOVE;
}

/* Callbacks */

/* The point of the selection that must stay in view (where its name is). */
static gboolean
get_selection_point (GfMapView *self,
                     double    *x,
                     double    *y)
{
  int i = self->selection_index;

  if (!index_is_valid (self->data, self->selection_kind, i))
    return FALSE;

  switch (self->selection_kind)
    {
    case GF_MAP_FEATURE_TOWN:
      *x = gf_map_data_get_town (self->data, i)->label_x;
      *y = gf_map_data_get_town (self->data, i)->label_y;
      return TRUE;
    case GF_MAP_FEATURE_CLUSTER:
      *x = gf_map_data_get_cluster (self->data, i)->label_x;
      *y = gf_map_data_get_cluster (self->data, i)->label_y;
      return TRUE;
    case GF_MAP_FEATURE_VILLAGE:
      *x = gf_map_data_get_village (self->data, i)->label_x;
      *y = gf_map_data_get_village (self->data, i)->label_y;
      return TRUE;
    case GF_MAP_FEATURE_SITE:
      *x = gf_map_data_get_site (self->data, i)->x;
      *y = gf_map_data_get_site (self->data, i)->y;
      return TRUE;
    case GF_MAP_FEATURE_NONE:
    default:
      return FALSE;
    }
}

static gboolean
anchor_idle_cb (gpointer user_data)
{
  GfMapView *self = user_data;
  double x, y, margin = 64;
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));

  self->anchor_idle_id = 0;
  self->fitting = TRUE;
  if (self->anchor_dx != 0 || self->anchor_dy != 0)
    pan_by (self, self->anchor_dx, self->anchor_dy);
  self->anchor_dx = self->anchor_dy = 0;

  /* The details pane may now cover what was clicked: bring it back, no further than needed. */
  if (get_selection_point (self, &x, &y) && width > 2 * margin && height > 2 * margin)
    {
      double dx = 0, dy = 0;

      gf_map_view_location_to_widget (self, x, y, &x, &y);
      if (x > width - margin)
        dx = x - (width - margin);
      else if (x < margin)
        dx = x - margin;
      if (y > height - margin)
        dy = y - (height - margin);
      else if (y < margin)
        dy = y - margin;
      if (dx != 0 || dy != 0)
        pan_by (self, dx, dy);
    }
  self->fitting = FALSE;

  return G_SOURCE_REMOVE;
}

static void
click_pressed_cb (GfMapView       *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  /* The user takes over: the map no longer follows size changes to keep the district whole. */
  self->auto_fit = FALSE;
  self->press_x = x;
  self->press_y = y;
  self->press_valid = n_press == 1;
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
click_stopped_cb (GfMapView       *self,
                  GtkGestureClick *gesture)
{
  /* A drag (or a long press): its release is no click. */
  self->press_valid = FALSE;
}

static void
click_released_cb (GfMapView       *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  gboolean valid = self->press_valid && n_press == 1
                   && hypot (x - self->press_x, y - self->press_y) <= CLICK_SLOP;

  self->press_valid = FALSE;
  if (!valid)
    return;

  if (self->plan_mode)
    {
      int village = gf_map_view_pick_village (self, x, y);

      if (village >= 0)
        g_signal_emit (self, signals[VILLAGE_CLICKED], 0, village);
      return;
    }

  gf_map_view_select_at (self, x, y);
}

/* Lasso: Shift+drag while planning. The gesture runs in the capture phase and claims the
 * sequence, so that the map neither pans nor takes the release for a click. */

static void
draw_lasso (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  GfMapView *self = user_data;
  GArray *points = self->lasso_points;

  if (points == NULL || points->len < 4)
    return;

  cairo_move_to (cr, g_array_index (points, double, 0), g_array_index (points, double, 1));
  for (guint i = 2; i + 1 < points->len; i += 2)
    cairo_line_to (cr, g_array_index (points, double, i), g_array_index (points, double, i + 1));
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, (double[]) { 6.0, 4.0 }, 2, 0);
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.9);
  cairo_stroke (cr);
}

static void
lasso_begin_cb (GfMapView      *self,
                double          x,
                double          y,
                GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (gesture));

  if (!self->plan_mode || self->data == NULL || !(state & GDK_SHIFT_MASK))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->press_valid = FALSE;
  self->lasso_start_x = x;
  self->lasso_start_y = y;
  g_array_set_size (self->lasso_points, 0);
  g_array_append_val (self->lasso_points, x);
  g_array_append_val (self->lasso_points, y);
  gtk_widget_set_visible (self->lasso_area, TRUE);
}

static void
lasso_update_cb (GfMapView      *self,
                 double          dx,
                 double          dy,
                 GtkGestureDrag *gesture)
{
  double x = self->lasso_start_x + dx;
  double y = self->lasso_start_y + dy;

  if (self->lasso_points->len == 0)
    return;

  g_array_append_val (self->lasso_points, x);
  g_array_append_val (self->lasso_points, y);
  gtk_widget_queue_draw (self->lasso_area);
}

static void
lasso_end_cb (GfMapView      *self,
              double          dx,
              double          dy,
              GtkGestureDrag *gesture)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(GArray) world = NULL;
  guint n = self->lasso_points->len / 2;

  if (n == 0)
    return;

  world = g_array_sized_new (FALSE, FALSE, sizeof (double), self->lasso_points->len);
  for (guint i = 0; i < n; i++)
    {
      double lat, lon, wx, wy;

      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map),
                                                  g_array_index (self->lasso_points, double, 2 * i),
                                                  g_array_index (self->lasso_points, double,
                                                                 2 * i + 1),
                                                  &lat, &lon);
      gf_map_project (lon, lat, &wx, &wy);
      g_array_append_val (world, wx);
      g_array_append_val (world, wy);
    }
  g_array_set_size (self->lasso_points, 0);
  gtk_widget_set_visible (self->lasso_area, FALSE);

  /* Fewer than three points enclose nothing: a Shift+click. */
  if (n >= 3)
    gf_map_view_lasso (self, (const double *) world->data, n);
}

static void
motion_cb (GfMapView                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (controller));
  GfMapFeatureKind kind = GF_MAP_FEATURE_NONE;
  int index = -1;

  /* No hover while dragging the map. */
  if (state & (GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK))
    return;

  gf_map_view_pick (self, x, y, &kind, &index);
  set_hover (self, kind, index);
}

static void
motion_leave_cb (GfMapView *self)
{
  set_hover (self, GF_MAP_FEATURE_NONE, -1);
}

static void
tiles_changed_cb (GfMapView *self)
{
  /* The layer snapshots its tiles' paintables; a replaced texture needs a redraw. */
  if (self->tile_layer != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->tile_layer));
}

static void
scale_factor_changed_cb (GfMapView *self)
{
  gf_tile_source_set_scale_factor (self->tile_source, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* Actions */

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GfMapView *self = GF_MAP_VIEW (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = floor (shumate_viewport_get_zoom_level (viewport) + 1e-6) + 1;

  shumate_viewport_set_zoom_level (viewport, MIN (zoom, MAX_ZOOM));
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GfMapView *self = GF_MAP_VIEW (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = ceil (shumate_viewport_get_zoom_level (viewport) - 1e-6) - 1;

  shumate_viewport_set_zoom_level (viewport, MAX (zoom, MIN_ZOOM));
}

static void
zoom_to_district_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gf_map_view_zoom_to_district (GF_MAP_VIEW (widget));
}

static void
zoom_to_selection_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GfMapView *self = GF_MAP_VIEW (widget);

  gf_map_view_zoom_to_feature (self, self->selection_kind, self->selection_index);
}

static void
clear_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gf_map_view_select (GF_MAP_VIEW (widget), GF_MAP_FEATURE_NONE, -1);
}

static void
pan_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  pan_by (GF_MAP_VIEW (widget), dx, dy);
}

/* GtkWidget */

static void
gf_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GfMapView *self = GF_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  /* The map layers ask for the whole world at the current zoom: a natural size that would
   * push every neighbour away. The map takes what is left instead. */
  *natural = *minimum;
}

static void
gf_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  GfMapView *self = GF_MAP_VIEW (widget);

  GtkRoot *root = gtk_widget_get_root (widget);
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);

  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, height, baseline, NULL);

  if (self->auto_fit)
    {
      if (self->refit_idle_id == 0
          && (gtk_widget_get_width (GTK_WIDGET (self->map)) != self->fit_width
              || gtk_widget_get_height (GTK_WIDGET (self->map)) != self->fit_height))
        /* Not while allocating: moving the viewport queues a new allocation. */
        self->refit_idle_id = g_idle_add (refit_idle_cb, self);
    }
  else if (root != NULL && self->last_width > 0
           && gtk_widget_compute_point (widget, GTK_WIDGET (root), &origin, &origin)
           && (origin.x != self->last_origin.x || origin.y != self->last_origin.y
               || width != self->last_width || height != self->last_height))
    {
      /* A side panel opened or closed: keep what the user looks at where it was in the
       * window, instead of keeping the centre (which slides everything by half the panel). */
      self->anchor_dx += (origin.x + width / 2.0) - (self->last_origin.x + self->last_width / 2.0);
      self->anchor_dy += (origin.y + height / 2.0)
                         - (self->last_origin.y + self->last_height / 2.0);
      if (self->anchor_idle_id == 0)
        self->anchor_idle_id = g_idle_add (anchor_idle_cb, self);
    }

  if (root == NULL
      || !gtk_widget_compute_point (widget, GTK_WIDGET (root), &GRAPHENE_POINT_INIT (0, 0),
                                    &self->last_origin))
    width = 0;   /* unknown: no anchoring at the next change */
  self->last_width = width;
  self->last_height = height;
}

/* GObject */

static void
gf_map_view_dispose (GObject *object)
{
  GfMapView *self = GF_MAP_VIEW (object);

  if (self->fit_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick_id);
      self->fit_tick_id = 0;
    }
  g_clear_handle_id (&self->refit_idle_id, g_source_remove);
  g_clear_handle_id (&self->anchor_idle_id, g_source_remove);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  g_clear_object (&self->basemap);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_MAP_VIEW);
  /* The template's root is not bound to a field: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  self->tile_layer = NULL;
  self->overlay_layer = NULL;

  g_clear_object (&self->tile_source);
  g_clear_object (&self->null_source);
  g_clear_pointer (&self->data, gf_map_data_unref);
  g_clear_pointer (&self->style, gf_map_style_unref);
  g_clear_pointer (&self->lasso_points, g_array_unref);
  self->lasso_area = NULL;

  G_OBJECT_CLASS (gf_map_view_parent_class)->dispose (object);
}

static void
gf_map_view_class_init (GfMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_map_view_dispose;

  /**
   * GfMapView::selection-changed:
   *
   * Emitted when the selected feature changes, by a click, a key or gf_map_view_select().
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GfMapView::village-clicked:
   * @index: the village's index in the map data
   *
   * Emitted in plan mode, instead of a selection, when the user clicks a village.
   */
  signals[VILLAGE_CLICKED] =
    g_signal_new ("village-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * GfMapView::lasso:
   * @points: (array length=n_points): the polygon as x, y pairs in world coordinates
   * @n_points: its points
   *
   * Emitted in plan mode when the user has drawn a lasso (Shift+drag), and by
   * gf_map_view_lasso().
   */
  signals[LASSO] =
    g_signal_new ("lasso",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-map-view.ui");
  widget_class->measure = gf_map_view_measure;
  widget_class->size_allocate = gf_map_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "gf-map-view");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, GfMapView, map);
  gtk_widget_class_bind_template_child (widget_class, GfMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, GfMapView, controls);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "map.zoom-to-district", NULL,
                                   zoom_to_district_activated);
  gtk_widget_class_install_action (widget_class, "map.zoom-to-selection", NULL,
                                   zoom_to_selection_activated);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL,
                                   clear_selection_activated);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)",
                                       -PAN_STEP, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)",
                                       PAN_STEP, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)",
                                       0, -PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)",
                                       0, PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "map.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0,
                                       "map.zoom-to-district", NULL);
}

static void
gf_map_view_init (GfMapView *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;
  GtkEventController *motion;
  GtkGesture *lasso;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->layers = GF_MAP_LAYER_ALL;
  self->selection_index = self->hover_index = -1;

  viewport = shumate_map_get_viewport (self->map);
  self->null_source = gf_null_source_new ();
  shumate_viewport_set_reference_map_source (viewport, self->null_source);
  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_map_set_animate_zoom (self->map, FALSE);

  self->tile_source = gf_tile_source_new ();
  self->scale_zoom_level = -1;
  gf_tile_source_set_scale_factor (self->tile_source,
                                   gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  self->tile_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->tile_source), viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->tile_layer));
  self->overlay_layer = gf_map_overlay_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->overlay_layer));
  /* The basemap (none, an MBTiles file or a web service, from the settings) goes behind the
   * feature tiles and rebuilds itself when the settings change. */
  self->basemap = gf_basemap_new (NULL);
  gf_basemap_attach (self->basemap, self->map, SHUMATE_LAYER (self->tile_layer));

  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (zoom_changed_cb),
                           self, G_CONNECT_SWAPPED);

  shumate_scale_set_viewport (self->scale, viewport);
  shumate_scale_set_unit (self->scale, SHUMATE_UNIT_METRIC);

  g_signal_connect_object (self->tile_source, "tiles-changed",
                           G_CALLBACK (tiles_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  /* Layers answer FALSE to contains(): the gestures go on the map itself. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "stopped", G_CALLBACK (click_stopped_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (motion_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  self->lasso_points = g_array_new (FALSE, FALSE, sizeof (double));
  self->lasso_area = gtk_drawing_area_new ();
  gtk_widget_set_can_target (self->lasso_area, FALSE);
  gtk_widget_set_can_focus (self->lasso_area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->lasso_area), draw_lasso, self, NULL);
  /* Shown only while a lasso is drawn: a drawing area always adds a window-sized cairo
   * node, which the renderer uploads and blends over the whole map on every frame. */
  gtk_widget_set_visible (self->lasso_area, FALSE);
  gtk_overlay_add_overlay (self->overlay, self->lasso_area);

  lasso = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (lasso), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (lasso), GTK_PHASE_CAPTURE);
  g_signal_connect_object (lasso, "drag-begin", G_CALLBACK (lasso_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lasso, "drag-update", G_CALLBACK (lasso_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lasso, "drag-end", G_CALLBACK (lasso_end_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (lasso));

  update_actions (self);
}

/* Public API */

/**
 * gf_map_view_new:
 *
 * Returns: (transfer floating): a new map view
 */
GfMapView *
gf_map_view_new (void)
{
  return g_object_new (GF_TYPE_MAP_VIEW, NULL);
}

/**
 * gf_map_view_set_content:
 * @data: (nullable): the map data; a reference is taken
 * @style: (nullable): its style; a reference is taken
 * @layers: the #GfMapLayers shown
 *
 * Shows @data in @style. The tiles of the previous content stay on screen until the new ones
 * are drawn. A selection survives new data when its feature is still there; the first data
 * the view gets is zoomed to.
 */
void
gf_map_view_set_content (GfMapView  *self,
                         GfMapData  *data,
                         GfMapStyle *style,
                         guint       layers)
{
  GfMapFeatureKind kind;
  gint64 id;
  gboolean first;

  g_return_if_fail (GF_IS_MAP_VIEW (self));
  g_return_if_fail ((data == NULL) == (style == NULL));

  /* Zoom to the first data with something on it (an empty database shows the world). */
  first = data != NULL && !data_is_empty (data)
          && (self->data == NULL || data_is_empty (self->data));
  kind = self->selection_kind;
  id = feature_id (self->data, self->selection_kind, self->selection_index);

  if (style != NULL)
    gf_map_style_ref (style);
  g_clear_pointer (&self->style, gf_map_style_unref);
  self->style = style;
  self->layers = layers;

  if (self->data != data)
    {
      int index = -1;

      if (data != NULL)
        gf_map_data_ref (data);
      g_clear_pointer (&self->data, gf_map_data_unref);
      self->data = data;

      gf_map_overlay_set_data (self->overlay_layer, data);
      if (self->fit_kind != GF_MAP_FEATURE_NONE)
        self->auto_fit = FALSE;
      self->selection_kind = GF_MAP_FEATURE_NONE;
      self->selection_index = -1;
      set_hover (self, GF_MAP_FEATURE_NONE, -1);

      if (data != NULL && kind != GF_MAP_FEATURE_NONE)
        index = find_feature (data, kind, id);
      set_selection (self, index >= 0 ? kind : GF_MAP_FEATURE_NONE, index, FALSE);
      /* The index may have moved even when the feature is the same. */
      if (kind != GF_MAP_FEATURE_NONE)
        g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }

  gf_tile_source_set_content (self->tile_source, data, style, layers);
  update_actions (self);

  if (first)
    {
      self->fit_pending = TRUE;
      if (self->fit_tick_id == 0)
        self->fit_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick_cb,
                                                          NULL, NULL);
    }
}

/**
 * gf_map_view_get_data:
 *
 * Returns: (transfer none) (nullable): the map data shown
 */
GfMapData *
gf_map_view_get_data (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return self->data;
}

/**
 * gf_map_view_get_style:
 *
 * Returns: (transfer none) (nullable): the style shown
 */
GfMapStyle *
gf_map_view_get_style (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return self->style;
}

guint
gf_map_view_get_layers (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), 0);

  return self->layers;
}

/**
 * gf_map_view_get_map:
 *
 * Returns: (transfer none): the ShumateMap
 */
ShumateMap *
gf_map_view_get_map (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * gf_map_view_get_viewport:
 *
 * Returns: (transfer none): the map's viewport
 */
ShumateViewport *
gf_map_view_get_viewport (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return shumate_map_get_viewport (self->map);
}

/**
 * gf_map_view_get_tile_source:
 *
 * Returns: (transfer none): the source of the feature tiles
 */
GfTileSource *
gf_map_view_get_tile_source (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return self->tile_source;
}

/**
 * gf_map_view_get_basemap:
 *
 * Returns: (transfer none): the basemap under the features
 */
GfBasemap *
gf_map_view_get_basemap (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), NULL);

  return self->basemap;
}

/**
 * gf_map_view_select:
 * @kind: what to select, or %GF_MAP_FEATURE_NONE to clear the selection
 * @index: its index in the map data
 *
 * Selects a feature and outlines it; emits #GfMapView::selection-changed when that changes.
 */
void
gf_map_view_select (GfMapView        *self,
                    GfMapFeatureKind  kind,
                    int               index)
{
  g_return_if_fail (GF_IS_MAP_VIEW (self));

  set_selection (self, kind, index, TRUE);
}

/**
 * gf_map_view_get_selection:
 * @index: (out) (optional): the index of the selected feature, -1 without one
 *
 * Returns: the kind of the selected feature
 */
GfMapFeatureKind
gf_map_view_get_selection (GfMapView *self,
                           int       *index)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), GF_MAP_FEATURE_NONE);

  if (index != NULL)
    *index = self->selection_index;

  return self->selection_kind;
}

/**
 * gf_map_view_pick:
 * @x: x in the map widget, logical pixels
 * @y: y in the map widget
 * @kind: (out): what a click there selects
 * @index: (out): its index
 *
 * Finds what a click at (@x, @y) selects among the visible layers: a site, else the village,
 * else (villages hidden) its cluster, else (clusters hidden too) the town.
 *
 * Returns: %TRUE when something is there
 */
gboolean
gf_map_view_pick (GfMapView        *self,
                  double            x,
                  double            y,
                  GfMapFeatureKind *kind,
                  int              *index)
{
  ShumateViewport *viewport;
  GfMapHit hit;
  double lat, lon, wx, wy, tolerance;

  g_return_val_if_fail (GF_IS_MAP_VIEW (self), FALSE);

  *kind = GF_MAP_FEATURE_NONE;
  *index = -1;
  if (self->data == NULL)
    return FALSE;

  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                              &lat, &lon);
  gf_map_project (lon, lat, &wx, &wy);
  tolerance = PICK_TOLERANCE / gf_map_world_size (shumate_viewport_get_zoom_level (viewport));

  if (!gf_map_data_pick (self->data, wx, wy, tolerance, self->layers, &hit))
    return FALSE;

  if ((self->layers & GF_MAP_LAYER_SITES) && hit.site >= 0)
    *kind = GF_MAP_FEATURE_SITE, *index = hit.site;
  else if ((self->layers & GF_MAP_LAYER_VILLAGES) && hit.village >= 0)
    *kind = GF_MAP_FEATURE_VILLAGE, *index = hit.village;
  else if ((self->layers & GF_MAP_LAYER_CLUSTERS) && hit.cluster >= 0)
    *kind = GF_MAP_FEATURE_CLUSTER, *index = hit.cluster;
  else if ((self->layers & GF_MAP_LAYER_TOWNS) && hit.town >= 0)
    *kind = GF_MAP_FEATURE_TOWN, *index = hit.town;

  return *kind != GF_MAP_FEATURE_NONE;
}

/**
 * gf_map_view_select_at:
 * @x: x in the map widget, logical pixels
 * @y: y in the map widget
 *
 * What a click does: selects what lies at (@x, @y), or clears the selection over nothing.
 *
 * Returns: whether something got selected
 */
gboolean
gf_map_view_select_at (GfMapView *self,
                       double     x,
                       double     y)
{
  GfMapFeatureKind kind;
  int index;
  gboolean found;

  g_return_val_if_fail (GF_IS_MAP_VIEW (self), FALSE);

  found = gf_map_view_pick (self, x, y, &kind, &index);
  gf_map_view_select (self, kind, index);

  return found;
}

/**
 * gf_map_view_zoom_to_feature:
 *
 * Shows the feature whole, as large as fits (a village or a site no closer than zoom 15).
 *
 * Returns: %FALSE when the feature has no extent or the map has no size yet
 */
gboolean
gf_map_view_zoom_to_feature (GfMapView        *self,
                             GfMapFeatureKind  kind,
                             int               index)
{
  GfMapRect rect;

  g_return_val_if_fail (GF_IS_MAP_VIEW (self), FALSE);

  if (!index_is_valid (self->data, kind, index))
    return FALSE;

  rect = gf_map_util_feature_bounds (self->data, kind, index);
  if (!zoom_to_rect (self, &rect, kind == GF_MAP_FEATURE_SITE ? 15 : 14))
    return FALSE;

  remember_fit (self, kind, index);
  return TRUE;
}

/**
 * gf_map_view_zoom_to_district:
 *
 * Shows the whole district (or everything in the data without a district boundary).
 *
 * Returns: %FALSE without data or before the map has a size
 */
gboolean
gf_map_view_zoom_to_district (GfMapView *self)
{
  GfMapRect rect;

  g_return_val_if_fail (GF_IS_MAP_VIEW (self), FALSE);

  if (self->data == NULL)
    return FALSE;

  rect = gf_map_data_get_bounds (self->data);
  if (!zoom_to_rect (self, &rect, 13))
    return FALSE;

  remember_fit (self, GF_MAP_FEATURE_NONE, -1);
  return TRUE;
}

/**
 * gf_map_view_location_to_widget:
 * @x: world x
 * @y: world y
 * @widget_x: (out): the map widget's x of that point
 * @widget_y: (out): its y
 */
void
gf_map_view_location_to_widget (GfMapView *self,
                                double     x,
                                double     y,
                                double    *widget_x,
                                double    *widget_y)
{
  double lat, lon;

  g_return_if_fail (GF_IS_MAP_VIEW (self));

  gf_map_unproject (x, y, &lon, &lat);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), lat, lon,
                                              widget_x, widget_y);
}

/**
 * gf_map_view_set_plan_mode:
 * @plan_mode: whether the map is used to plan a layout
 *
 * In plan mode a click on a village emits #GfMapView::village-clicked instead of selecting
 * it, and Shift+drag draws a lasso (#GfMapView::lasso). The selection is cleared.
 */
void
gf_map_view_set_plan_mode (GfMapView *self,
                           gboolean   plan_mode)
{
  g_return_if_fail (GF_IS_MAP_VIEW (self));

  plan_mode = !!plan_mode;
  if (self->plan_mode == plan_mode)
    return;

  self->plan_mode = plan_mode;
  if (plan_mode)
    gf_map_view_select (self, GF_MAP_FEATURE_NONE, -1);
}

gboolean
gf_map_view_get_plan_mode (GfMapView *self)
{
  g_return_val_if_fail (GF_IS_MAP_VIEW (self), FALSE);

  return self->plan_mode;
}

/**
 * gf_map_view_pick_village:
 * @x: x in the map widget, logical pixels
 * @y: y in the map widget
 *
 * Returns: the index of the village at (@x, @y) whatever the visible layers, or -1
 */
int
gf_map_view_pick_village (GfMapView *self,
                          double     x,
                          double     y)
{
  ShumateViewport *viewport;
  GfMapHit hit;
  double lat, lon, wx, wy, tolerance;

  g_return_val_if_fail (GF_IS_MAP_VIEW (self), -1);

  if (self->data == NULL)
    return -1;

  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                              &lat, &lon);
  gf_map_project (lon, lat, &wx, &wy);
  tolerance = PICK_TOLERANCE / gf_map_world_size (shumate_viewport_get_zoom_level (viewport));

  if (!gf_map_data_pick (self->data, wx, wy, tolerance, GF_MAP_LAYER_VILLAGES, &hit))
    return -1;

  return hit.village;
}

/**
 * gf_map_view_lasso:
 * @points: (array length=n_points): a polygon as x, y pairs in world coordinates
 * @n_points: its points, at least 3
 *
 * What the end of a Shift+drag in plan mode does: emits #GfMapView::lasso with the polygon.
 */
void
gf_map_view_lasso (GfMapView    *self,
                   const double *points,
                   guint         n_points)
{
  g_return_if_fail (GF_IS_MAP_VIEW (self));
  g_return_if_fail (points != NULL && n_points >= 3);

  g_signal_emit (self, signals[LASSO], 0, points, n_points);
}
