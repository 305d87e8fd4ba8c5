/* gf-map-overlay.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The light layer over the tiles: the outline of the feature under the pointer and of the
 * selection, drawn with cairo in one snapshot (GskPath is newer than GTK 4.8). Everything else
 * is in the tiles, so a hover redraws only this layer.
 */

#define G_LOG_DOMAIN "gf-map-overlay"

#include "config.h"

#include <math.h>

#include "gf-map-overlay.h"

struct _GfMapOverlay
{
  ShumateLayer      parent_instance;

  /* Owned */
  GfMapData        *data;

  GfMapFeatureKind  hover_kind;
  int               hover_index;
  GfMapFeatureKind  selection_kind;
  int               selection_index;
};

G_DEFINE_FINAL_TYPE (GfMapOverlay, gf_map_overlay, SHUMATE_TYPE_LAYER)

/* The selection colour: GNOME's blue 4, which stands out on the cluster palette's fills. */
#define SELECTION_R (0x1c / 255.0)
#define SELECTION_G (0x71 / 255.0)
#define SELECTION_B (0xd8 / 255.0)

typedef struct
{
  double cx;
  double cy;
  double k;
} Transform;

static void
transform_init (GfMapOverlay *self,
                Transform    *t)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  gf_map_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &t->cx, &t->cy);
  t->k = gf_map_world_size (shumate_viewport_get_zoom_level (viewport));
}

static void
path_ring (cairo_t         *cr,
           const Transform *t,
           const double    *xy,
           guint            n,
           gboolean         closed)
{
  if (n == 0)
    return;

  cairo_move_to (cr, (xy[0] - t->cx) * t->k, (xy[1] - t->cy) * t->k);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, (xy[2 * i] - t->cx) * t->k, (xy[2 * i + 1] - t->cy) * t->k);
  if (closed)
    cairo_close_path (cr);
}

static void
path_rings (GfMapOverlay    *self,
            cairo_t         *cr,
            const Transform *t,
            guint            first,
            guint            n_rings)
{
  for (guint r = first; r < first + n_rings; r++)
    {
      guint n;
      const double *xy = gf_map_data_get_ring (self->data, r, &n);

      path_ring (cr, t, xy, n, TRUE);
    }
}

static void
path_village (GfMapOverlay    *self,
              cairo_t         *cr,
              const Transform *t,
              guint            index)
{
  const GfMapVillage *v = gf_map_data_get_village (self->data, index);

  if (v->n_rings > 0)
    {
      path_rings (self, cr, t, v->first_ring, v->n_rings);
    }
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, (v->label_x - t->cx) * t->k, (v->label_y - t->cy) * t->k, 6, 0, 2 * G_PI);
    }
}

static void
path_feature (GfMapOverlay     *self,
              cairo_t          *cr,
              const Transform  *t,
              GfMapFeatureKind  kind,
              int               index)
{
  switch (kind)
    {
    case GF_MAP_FEATURE_VILLAGE:
      path_village (self, cr, t, index);
      break;

    case GF_MAP_FEATURE_CLUSTER:
      {
        const GfMapCluster *c = gf_map_data_get_cluster (self->data, index);

        for (guint i = 0; i < c->n_members; i++)
          path_village (self, cr, t, c->members[i]);
      }
      break;

    case GF_MAP_FEATURE_TOWN:
      {
        const GfMapArea *town = gf_map_data_get_town (self->data, index);

        path_rings (self, cr, t, town->first_ring, town->n_rings);
      }
      break;

    case GF_MAP_FEATURE_SITE:
      {
        const GfMapSite *s = gf_map_data_get_site (self->data, index);

        cairo_new_sub_path (cr);
        cairo_arc (cr, (s->x - t->cx) * t->k, (s->y - t->cy) * t->k, 12, 0, 2 * G_PI);
      }
      break;

    case GF_MAP_FEATURE_NONE:
    default:
      break;
    }
}

static gboolean
is_valid (GfMapOverlay     *self,
          GfMapFeatureKind  kind,
          int               index)
{
  if (self->data == NULL || index < 0)
    return FALSE;

  switch (kind)
    {
    case GF_MAP_FEATURE_TOWN:
      return (guint) index < gf_map_data_get_n_towns (self->data);
    case GF_MAP_FEATURE_CLUSTER:
      return (guint) index < gf_map_data_get_n_clusters (self->data);
    case GF_MAP_FEATURE_VILLAGE:
      return (guint) index < gf_map_data_get_n_villages (self->data);
    case GF_MAP_FEATURE_SITE:
      return (guint) index < gf_map_data_get_n_sites (self->data);
    case GF_MAP_FEATURE_NONE:
    default:
      return FALSE;
    }
}

/* The outline of the union of the feature's polygons, outside them only: the strokes are
 * drawn into a group, then every polygon's inside is cut out of it, which also removes the
 * edges two member villages share. Aliased cutting leaves no seam along those edges. */
static void
draw_outer_outline (GfMapOverlay     *self,
                    cairo_t          *cr,
                    const Transform  *t,
                    GfMapFeatureKind  kind,
                    int               index,
                    double            casing,
                    double            width,
                    double            r,
                    double            g,
                    double            b,
                    double            alpha)
{
  cairo_push_group (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  path_feature (self, cr, t, kind, index);
  if (casing > 0)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_set_line_width (cr, 2 * (width + casing));
      cairo_stroke_preserve (cr);
    }
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, 2 * width);
  cairo_stroke (cr);

  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OUT);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (kind == GF_MAP_FEATURE_CLUSTER)
    {
      const GfMapCluster *c = gf_map_data_get_cluster (self->data, index);

      /* One fill per village: even-odd over all of them at once would be right too, but a
       * stray overlap between two neighbours would then punch a hole. */
      for (guint i = 0; i < c->n_members; i++)
        {
          path_village (self, cr, t, c->members[i]);
          cairo_fill (cr);
        }
    }
  else
    {
      path_feature (self, cr, t, kind, index);
      cairo_fill (cr);
    }

  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, alpha);
}

static void
draw_site_ring (GfMapOverlay    *self,
                cairo_t         *cr,
                const Transform *t,
                int              index,
                double           width,
                double           r,
                double           g,
                double           b)
{
  path_feature (self, cr, t, GF_MAP_FEATURE_SITE, index);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, width + 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
gf_map_overlay_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GfMapOverlay *self = GF_MAP_OVERLAY (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean hover = is_valid (self, self->hover_kind, self->hover_index)
                   && !(self->hover_kind == self->selection_kind
                        && self->hover_index == self->selection_index);
  gboolean selection = is_valid (self, self->selection_kind, self->selection_index);
  Transform t;
  cairo_t *cr;

  if ((!hover && !selection) || width <= 0 || height <= 0)
    return;

  transform_init (self, &t);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The same transformation as shumate_viewport_location_to_widget_coords(). */
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, shumate_viewport_get_rotation (viewport));

  if (selection)
    {
      if (self->selection_kind == GF_MAP_FEATURE_SITE)
        draw_site_ring (self, cr, &t, self->selection_index, 3, SELECTION_R, SELECTION_G,
                        SELECTION_B);
      else
        draw_outer_outline (self, cr, &t, self->selection_kind, self->selection_index, 2, 3,
                            SELECTION_R, SELECTION_G, SELECTION_B, 1);
    }

  if (hover)
    {
      if (self->hover_kind == GF_MAP_FEATURE_SITE)
        {
          draw_site_ring (self, cr, &t, self->hover_index, 2, 0.1, 0.1, 0.12);
        }
      else
        {
          /* A light veil over the feature and a dark edge around it. */
          path_feature (self, cr, &t, self->hover_kind, self->hover_index);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.22);
          cairo_fill (cr);
          draw_outer_outline (self, cr, &t, self->hover_kind, self->hover_index, 0, 1.5,
                              0.1, 0.1, 0.12, 0.85);
        }
    }

  cairo_destroy (cr);
}

static void
viewport_changed_cb (GfMapOverlay *self)
{
  if (self->hover_kind != GF_MAP_FEATURE_NONE || self->selection_kind != GF_MAP_FEATURE_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gf_map_overlay_constructed (GObject *object)
{
  GfMapOverlay *self = GF_MAP_OVERLAY (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (gf_map_overlay_parent_class)->constructed (object);

  /* Connected for the layer's lifetime only: a removed layer leaves no handler behind. */
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
gf_map_overlay_finalize (GObject *object)
{
  GfMapOverlay *self = GF_MAP_OVERLAY (object);

  g_clear_pointer (&self->data, gf_map_data_unref);

  G_OBJECT_CLASS (gf_map_overlay_parent_class)->finalize (object);
}

static void
gf_map_overlay_class_init (GfMapOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gf_map_overlay_constructed;
  object_class->finalize = gf_map_overlay_finalize;
  widget_class->snapshot = gf_map_overlay_snapshot;

  gtk_widget_class_set_css_name (widget_class, "gf-map-overlay");
}

static void
gf_map_overlay_init (GfMapOverlay *self)
{
  self->hover_index = -1;
  self->selection_index = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/**
 * gf_map_overlay_new:
 *
 * Returns: (transfer floating): a new overlay layer
 */
GfMapOverlay *
gf_map_overlay_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (GF_TYPE_MAP_OVERLAY,
                       "viewport", viewport,
                       NULL);
}

/**
 * gf_map_overlay_set_data:
 * @data: (nullable): the map data the indices refer to; a reference is taken
 *
 * Also forgets the hover and the selection.
 */
void
gf_map_overlay_set_data (GfMapOverlay *self,
                         GfMapData    *data)
{
  g_return_if_fail (GF_IS_MAP_OVERLAY (self));

  if (self->data == data)
    return;

  if (data != NULL)
    gf_map_data_ref (data);
  g_clear_pointer (&self->data, gf_map_data_unref);
  self->data = data;
  self->hover_kind = self->selection_kind = GF_MAP_FEATURE_NONE;
  self->hover_index = self->selection_index = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gf_map_overlay_set_hover (GfMapOverlay     *self,
                          GfMapFeatureKind  kind,
                          int               index)
{
  g_return_if_fail (GF_IS_MAP_OVERLAY (self));

  if (kind == GF_MAP_FEATURE_NONE)
    index = -1;
  if (self->hover_kind == kind && self->hover_index == index)
    return;

  self->hover_kind = kind;
  self->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gf_map_overlay_set_selection (GfMapOverlay     *self,
                              GfMapFeatureKind  kind,
                              int               index)
{
  g_return_if_fail (GF_IS_MAP_OVERLAY (self));

  if (kind == GF_MAP_FEATURE_NONE)
    index = -1;
  if (self->selection_kind == kind && self->selection_index == index)
    return;

  self->selection_kind = kind;
  self->selection_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gf_map_overlay_world_to_widget:
 * @x: world x
 * @y: world y
 * @wx: (out): the layer's x of that point
 * @wy: (out): its y
 *
 * The projection the overlay draws with (tests compare it with libshumate's).
 */
void
gf_map_overlay_world_to_widget (GfMapOverlay *self,
                                double        x,
                                double        y,
                                double       *wx,
                                double       *wy)
{
  ShumateViewport *viewport;
  Transform t;
  double dx, dy, r;

  g_return_if_fail (GF_IS_MAP_OVERLAY (self));

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  transform_init (self, &t);
  r = shumate_viewport_get_rotation (viewport);
  dx = (x - t.cx) * t.k;
  dy = (y - t.cy) * t.k;
  *wx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 + dx * cos (r) - dy * sin (r);
  *wy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 + dx * sin (r) + dy * cos (r);
}
