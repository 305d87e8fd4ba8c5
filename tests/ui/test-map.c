/* test-map.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map view of the real window on the sample district: tiles rendered in worker threads,
 * a click on a village, a cluster found by search, colouring by an indicator with its legend,
 * layer switches, the keyboard actions, and pixels of the rendered map.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-map-overlay.h"
#include "gf-map-page.h"
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

typedef struct
{
  GfMapView *view;
  gint64     idle_since;
  guint      frames;
} TileWait;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ((TileWait *) user_data)->frames++;
  return G_SOURCE_CONTINUE;
}

/* Whether the tiles are drawn for the viewport's zoom: after a zoom of the user's the view
 * sets the tiles' display scale only once the zoom has settled (150 ms). */
static gboolean
display_scale_current (GfMapView *view)
{
  double zoom = shumate_viewport_get_zoom_level (gf_map_view_get_viewport (view));

  return fabs (gf_tile_source_get_display_scale (gf_map_view_get_tile_source (view))
               - exp2 (zoom - floor (zoom))) < 0.03;
}

/* The tile source has rendered for the current zoom, and nothing was pending for a few
 * frames: a change of the view asks for tiles only when the map is next laid out. */
static gboolean
tiles_settled (gpointer user_data)
{
  TileWait *wait = user_data;
  GfTileSource *source = gf_map_view_get_tile_source (wait->view);
  guint n_rendered;

  gf_tile_source_get_stats (source, &n_rendered, NULL, NULL);
  if (gf_tile_source_get_n_pending (source) > 0 || n_rendered == 0
      || !display_scale_current (wait->view))
    {
      wait->idle_since = 0;
      wait->frames = 0;
      return FALSE;
    }
  if (wait->idle_since == 0)
    {
      wait->idle_since = g_get_monotonic_time ();
      wait->frames = 0;
    }

  return wait->frames >= 3 && g_get_monotonic_time () - wait->idle_since > 60 * 1000;
}

static void
wait_for_tiles (Fixture *fixture)
{
  TileWait wait = { fixture->view, 0, 0 };
  guint tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->view), count_frame_cb, &wait,
                                             NULL);

  /* Frames must come for the layout to run: draw something. */
  gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
  gf_test_ui_spin_until (tiles_settled, &wait, 30000, "the tiles to render");
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->view), tick);
}

static gboolean
page_loaded (gpointer page)
{
  return !gf_map_page_get_loading (page);
}

/* The map data and the villages' colours are read in a worker: wait for it. */
static void
wait_for_load (Fixture *fixture)
{
  gf_test_ui_spin_until (page_loaded, fixture->page, 30000, "the map to load");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->db = gf_test_ui_open_database ("gf-ui-map-XXXXXX", TRUE, &fixture->dir, NULL);

  fixture->window = gf_test_ui_new_window (fixture->db, FALSE, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "map"));

  fixture->page = GF_MAP_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              GF_TYPE_WINDOW, "map_page"));
  fixture->view = gf_map_page_get_map_view (fixture->page);
  gf_test_ui_spin_until (gf_test_ui_is_mapped, fixture->view, 10000, "the map to be mapped");
  wait_for_load (fixture);
  {
    gint64 start = g_get_monotonic_time ();

    wait_for_tiles (fixture);
    /* Includes the 60 ms of quiet wait_for_tiles() asks for. */
    g_test_message ("Map mapped to tiles settled: %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gf_test_ui_destroy_window (fixture->window);
  /* Renders still in flight hold only map data, never the database. */
  gf_test_ui_close_database (fixture->db, fixture->dir);
  g_free (fixture->dir);
}

/* Helpers */

static GtkWidget *
map_widget (Fixture *fixture)
{
  return GTK_WIDGET (gf_map_view_get_map (fixture->view));
}

static void
world_to_widget (Fixture *fixture,
                 double   x,
                 double   y,
                 double  *wx,
                 double  *wy)
{
  gf_map_view_location_to_widget (fixture->view, x, y, wx, wy);
}

static gboolean
inside_widget (Fixture *fixture,
               double   x,
               double   y,
               double   margin)
{
  GtkWidget *map = map_widget (fixture);

  return x >= margin && y >= margin && x <= gtk_widget_get_width (map) - margin
         && y <= gtk_widget_get_height (map) - margin;
}

/* A village in a cluster (the first cluster that has one) whose label point is well inside
 * the map, with no site within 20 pixels. */
static int
find_clickable_village (Fixture *fixture)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);

  for (guint cluster = 0; cluster < gf_map_data_get_n_clusters (data); cluster++)
    {
      const GfMapCluster *c = gf_map_data_get_cluster (data, cluster);

      for (guint m = 0; m < c->n_members; m++)
        {
          const GfMapVillage *v = gf_map_data_get_village (data, c->members[m]);
          gboolean near_site = FALSE;
          double x, y;

          if (v->n_rings == 0)
            continue;
          world_to_widget (fixture, v->label_x, v->label_y, &x, &y);
          if (!inside_widget (fixture, x, y, 60))
            continue;

          for (guint s = 0; s < gf_map_data_get_n_sites (data) && !near_site; s++)
            {
              const GfMapSite *site = gf_map_data_get_site (data, s);
              double sx, sy;

              world_to_widget (fixture, site->x, site->y, &sx, &sy);
              near_site = hypot (sx - x, sy - y) < 20;
            }
          if (!near_site)
            return (int) c->members[m];
        }
    }

  return -1;
}

static void
read_pixel (GdkTexture *texture,
            int         x,
            int         y,
            guint8      rgba[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  const guint8 *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);

  /* GDK_MEMORY_DEFAULT: premultiplied B, G, R, A on little-endian machines. */
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) y * width + x) * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  rgba[0] = p[2];
  rgba[1] = p[1];
  rgba[2] = p[0];
  rgba[3] = p[3];
#else
  rgba[0] = p[1];
  rgba[1] = p[2];
  rgba[2] = p[3];
  rgba[3] = p[0];
#endif
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
assert_color (const guint8 rgba[4],
              guint32      rgb,
              int          tolerance)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  if (abs (rgba[0] - r) > tolerance || abs (rgba[1] - g) > tolerance
      || abs (rgba[2] - b) > tolerance || rgba[3] != 255)
    g_error ("Pixel #%02x%02x%02x (alpha %d) is not #%06x", rgba[0], rgba[1], rgba[2], rgba[3],
             rgb);
}

/* The distance in pixels from (x, y) to the segment from world point ab[0..1] to ab[2..3]. */
static double
segment_distance (Fixture      *fixture,
                  double        x,
                  double        y,
                  const double *ab)
{
  double ax, ay, bx, by, dx, dy, t;

  world_to_widget (fixture, ab[0], ab[1], &ax, &ay);
  world_to_widget (fixture, ab[2], ab[3], &bx, &by);
  dx = bx - ax;
  dy = by - ay;
  t = dx * dx + dy * dy > 0 ? ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy) : 0;
  t = CLAMP (t, 0, 1);

  return hypot (x - (ax + t * dx), y - (ay + t * dy));
}

/* A point of the village's fill with nothing drawn over it: the same village ten pixels
 * around (clear of outlines and the cluster's band), no site, route or label near. Widget
 * coordinates. */
static gboolean
find_plain_point (Fixture *fixture,
                  int      village,
                  double  *out_x,
                  double  *out_y)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  const GfMapVillage *v = gf_map_data_get_village (data, village);
  ShumateViewport *viewport = gf_map_view_get_viewport (fixture->view);
  double k = gf_map_world_size (shumate_viewport_get_zoom_level (viewport));

  for (int i = 1; i < 24; i++)
    for (int j = 1; j < 24; j++)
      {
        double wx = v->bounds.x0 + (v->bounds.x1 - v->bounds.x0) * i / 24.0;
        double wy = v->bounds.y0 + (v->bounds.y1 - v->bounds.y0) * j / 24.0;
        gboolean ok = TRUE;
        GfMapHit hit;
        double x, y;

        world_to_widget (fixture, wx, wy, &x, &y);
        if (!inside_widget (fixture, x, y, 20))
          continue;

        /* Nothing else within 10 px, and 10 px from the village's edges. */
        if (!gf_map_data_pick (data, wx, wy, 10 / k, GF_MAP_LAYER_ALL, &hit)
            || hit.village != village || hit.site >= 0 || hit.route >= 0)
          continue;
        for (int d = 0; d < 8 && ok; d++)
          {
            double ax = wx + 10 / k * cos (d * G_PI / 4), ay = wy + 10 / k * sin (d * G_PI / 4);

            ok = gf_map_data_pick (data, ax, ay, 0, GF_MAP_LAYER_VILLAGES, &hit)
                 && hit.village == village;
          }
        /* Neighbours' polygons may overlap a little: stay 12 px from every edge. */
        for (guint r = v->first_ring; r < v->first_ring + v->n_rings && ok; r++)
          {
            guint n;
            const double *xy = gf_map_data_get_ring (data, r, &n);

            for (guint p = 0; p + 1 < n && ok; p++)
              ok = segment_distance (fixture, x, y, xy + 2 * p) >= 12;
          }

        /* Away from every name: villages', towns' and clusters'. */
        for (guint n = 0; n < gf_map_data_get_n_villages (data) && ok; n++)
          {
            const GfMapVillage *other = gf_map_data_get_village (data, n);
            double lx, ly;

            world_to_widget (fixture, other->label_x, other->label_y, &lx, &ly);
            ok = fabs (lx - x) > 36 || fabs (ly - y) > 14;
          }
        for (guint n = 0; n < gf_map_data_get_n_towns (data) && ok; n++)
          {
            const GfMapArea *town = gf_map_data_get_town (data, n);
            double lx, ly;

            world_to_widget (fixture, town->label_x, town->label_y, &lx, &ly);
            ok = fabs (lx - x) > 60 || fabs (ly - y) > 20;
          }
        for (guint n = 0; n < gf_map_data_get_n_clusters (data) && ok; n++)
          {
            const GfMapCluster *c = gf_map_data_get_cluster (data, n);
            double lx, ly;

            world_to_widget (fixture, c->label_x, c->label_y, &lx, &ly);
            ok = fabs (lx - x) > 90 || fabs (ly - y) > 24;
          }

        if (ok)
          {
            *out_x = x;
            *out_y = y;
            return TRUE;
          }
      }

  return FALSE;
}

/* Tests */

static void
test_map_tiles (Fixture       *fixture,
                gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GfMapRect bounds;
  guint n_rendered;
  double mean_ms, max_ms, x0, y0, x1, y1;

  g_assert_nonnull (data);
  g_assert_cmpuint (gf_map_data_get_n_villages (data), >, 100);
  g_assert_cmpuint (gf_tile_source_get_generation (source), >=, 1);

  gf_tile_source_get_stats (source, &n_rendered, &mean_ms, &max_ms);
  g_test_message ("%u tiles, %.1f ms mean, %.1f ms longest", n_rendered, mean_ms, max_ms);
  g_assert_cmpuint (n_rendered, >, 0);

  /* What a frame of the map costs with the textures ready (the cairo renderer here). */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GdkTexture) frame = NULL;

    for (int i = 0; i < 5; i++)
      {
        g_clear_object (&frame);
        frame = render_widget (map_widget (fixture));
      }
    g_test_message ("A frame of the map: %.1f ms", (g_get_monotonic_time () - start) / 5000.0);
  }

  /* No tile gets a texture with nothing on it (a tile near the district, within a label's
   * reach, may render blank): those draw nothing, like tiles far from any feature. */
  {
    g_autoptr(GPtrArray) tiles = gf_tile_source_list_tiles (source);
    guint n_textures = 0;

    for (guint i = 0; i < tiles->len; i++)
      {
        GdkPaintable *paintable = shumate_tile_get_paintable (g_ptr_array_index (tiles, i));
        int width, height;
        g_autofree guchar *pixels = NULL;
        gboolean blank = TRUE;

        if (!GDK_IS_TEXTURE (paintable))
          continue;
        width = gdk_texture_get_width (GDK_TEXTURE (paintable));
        height = gdk_texture_get_height (GDK_TEXTURE (paintable));
        pixels = g_malloc ((gsize) width * height * 4);
        gdk_texture_download (GDK_TEXTURE (paintable), pixels, (gsize) width * 4);
        for (gsize k = 0; k < (gsize) width * height * 4 && blank; k++)
          blank = pixels[k] == 0;
        g_assert_false (blank);
        n_textures++;
      }
    g_assert_cmpuint (n_textures, >, 0);
  }

  /* The district is in view, whole. */
  bounds = gf_map_data_get_bounds (data);
  world_to_widget (fixture, bounds.x0, bounds.y0, &x0, &y0);
  world_to_widget (fixture, bounds.x1, bounds.y1, &x1, &y1);
  g_assert_true (inside_widget (fixture, x0, y0, 0));
  g_assert_true (inside_widget (fixture, x1, y1, 0));
  /* … and fills it one way or the other. */
  g_assert_true (x1 - x0 > gtk_widget_get_width (map_widget (fixture)) * 0.6
                 || y1 - y0 > gtk_widget_get_height (map_widget (fixture)) * 0.6);
}

/* The display scale the tiles are drawn for at @zoom: the magnification of the tiles of
 * floor (@zoom), in steps of 1/32 of a zoom level. */
static double
expected_display_scale (double zoom)
{
  return exp2 (round ((zoom - floor (zoom)) * 32) / 32);
}

/* Every texture of the tiles of the zoom shown is @width pixels wide; returns how many. */
static guint
assert_texture_widths (Fixture *fixture,
                       int      width)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  ShumateViewport *viewport = gf_map_view_get_viewport (fixture->view);
  int zoom = (int) floor (shumate_viewport_get_zoom_level (viewport));
  g_autoptr(GPtrArray) tiles = gf_tile_source_list_tiles (source);
  guint n = 0;

  for (guint i = 0; i < tiles->len; i++)
    {
      ShumateTile *tile = g_ptr_array_index (tiles, i);
      GdkPaintable *paintable = shumate_tile_get_paintable (tile);

      /* Empty tiles have a paintable that draws nothing, not a texture. */
      if (shumate_tile_get_zoom_level (tile) != (guint) zoom
          || shumate_tile_get_state (tile) != SHUMATE_STATE_DONE || !GDK_IS_TEXTURE (paintable))
        continue;
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, width);
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, width);
      n++;
    }

  return n;
}

typedef struct
{
  GfTileSource *source;
  double        scale;
} ScaleWait;

typedef struct
{
  Fixture *fixture;
  int      width;
} TextureWait;

/* Some tile of the zoom shown has its texture, @width pixels wide (the district is in view).
 * The layer asks for the tiles of a new zoom from an idle after it is laid out: a quiet tile
 * source alone does not say they came. */
static gboolean
textures_at_zoom (gpointer user_data)
{
  TextureWait *wait = user_data;
  Fixture *fixture = wait->fixture;
  ShumateViewport *viewport = gf_map_view_get_viewport (fixture->view);
  guint zoom = (guint) floor (shumate_viewport_get_zoom_level (viewport));
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  g_autoptr(GPtrArray) tiles = gf_tile_source_list_tiles (source);

  for (guint i = 0; i < tiles->len; i++)
    {
      ShumateTile *tile = g_ptr_array_index (tiles, i);

      GdkPaintable *paintable = shumate_tile_get_paintable (tile);

      if (shumate_tile_get_zoom_level (tile) == zoom
          && shumate_tile_get_state (tile) == SHUMATE_STATE_DONE && GDK_IS_TEXTURE (paintable)
          && gdk_paintable_get_intrinsic_width (paintable) == wait->width)
        return TRUE;
    }

  return FALSE;
}

static gboolean
display_scale_is (gpointer user_data)
{
  ScaleWait *wait = user_data;

  return fabs (gf_tile_source_get_display_scale (wait->source) - wait->scale) < 1e-9;
}

/* At a fractional zoom the layer magnifies the tiles by s = 2^(z − floor z): they are drawn
 * on round (256 s) pixels, so that the screen shows them about 1:1, labels at their size. */
static void
test_map_tile_display_scale (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  ShumateViewport *viewport = gf_map_view_get_viewport (fixture->view);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double s = expected_display_scale (zoom);
  guint generation = gf_tile_source_get_generation (source);
  ScaleWait wait = { source, 0 };

  /* After the fit to the district (the fixture's), at once. */
  g_test_message ("fitted at zoom %.3f: display scale %.4f, tiles of %d px", zoom, s,
                  (int) round (256 * s));
  g_assert_cmpfloat_with_epsilon (gf_tile_source_get_display_scale (source), s, 1e-9);
  g_assert_cmpuint (assert_texture_widths (fixture, (int) round (256 * s)), >, 0);

  /* A zoom of the user's: the scale follows once the zoom has stayed for a moment, and the
   * tiles on screen are redrawn for it; the content's generation stays. */
  zoom = floor (zoom) + (fabs (zoom - floor (zoom) - 0.7) < 0.1 ? 0.3 : 0.7);
  s = expected_display_scale (zoom);
  shumate_viewport_set_zoom_level (viewport, zoom);
  g_assert_cmpfloat (fabs (gf_tile_source_get_display_scale (source) - s), >, 1e-3);
  wait.scale = s;
  gf_test_ui_spin_until (display_scale_is, &wait, 10000, "the display scale to follow");
  wait_for_tiles (fixture);
  gf_test_ui_spin_until (textures_at_zoom, &(TextureWait) { fixture, (int) round (256 * s) },
                         10000, "the tiles of the new scale");
  g_test_message ("zoomed to %.3f: display scale %.4f, tiles of %d px", zoom, s,
                  (int) round (256 * s));
  g_assert_cmpuint (assert_texture_widths (fixture, (int) round (256 * s)), >, 0);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation);

  /* A whole zoom: plain 256-px tiles. */
  zoom = floor (zoom) + 1;
  shumate_viewport_set_zoom_level (viewport, zoom);
  wait.scale = 1;
  gf_test_ui_spin_until (display_scale_is, &wait, 10000, "the display scale to follow");
  wait_for_tiles (fixture);
  gf_test_ui_spin_until (textures_at_zoom, &(TextureWait) { fixture, 256 }, 10000,
                         "the tiles of the new zoom");
  g_assert_cmpuint (assert_texture_widths (fixture, 256), >, 0);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation);
}

static void
test_map_projection (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  const GfMapVillage *v = gf_map_data_get_village (data, 0);
  ShumateMap *map = gf_map_view_get_map (fixture->view);
  GfMapOverlay *overlay = NULL;
  double sx, sy, ox, oy;

  /* The overlay draws with its own projection: it must agree with libshumate's. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GF_IS_MAP_OVERLAY (child))
      overlay = GF_MAP_OVERLAY (child);
  g_assert_nonnull (overlay);

  world_to_widget (fixture, v->label_x, v->label_y, &sx, &sy);
  gf_map_overlay_world_to_widget (overlay, v->label_x, v->label_y, &ox, &oy);
  g_assert_cmpfloat_with_epsilon (sx, ox, 0.5);
  g_assert_cmpfloat_with_epsilon (sy, oy, 0.5);
}

static void
test_map_click_village (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GfMapDetails *details = gf_map_page_get_details (fixture->page);
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (
                            GTK_WIDGET (fixture->page), GF_TYPE_MAP_PAGE, "details_revealer"));
  const GfMapVillage *v;
  int village, index;
  double x, y;

  village = find_clickable_village (fixture);
  g_assert_cmpint (village, >=, 0);
  v = gf_map_data_get_village (data, village);
  g_test_message ("Clicking %s (%s)", v->name, v->code);
  world_to_widget (fixture, v->label_x, v->label_y, &x, &y);

  /* A drag is no click. */
  gf_test_ui_click_map (fixture->view, x - 30, y, x, y);
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, NULL), ==, GF_MAP_FEATURE_NONE);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* A click, even if the pointer moved a little. */
  gf_test_ui_click_map (fixture->view, x, y, x + 2, y + 1);
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, &index), ==,
                   GF_MAP_FEATURE_VILLAGE);
  g_assert_cmpint (index, ==, village);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpint (gf_map_details_get_feature (details, &index), ==, GF_MAP_FEATURE_VILLAGE);
  g_assert_cmpstr (gf_map_details_get_title (details), ==, v->name);
  g_assert_cmpstr (gf_map_details_get_subtitle (details), ==, v->code);

  /* Show on Charts switches the window to the Charts view, and back. */
  {
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (
                            GTK_WIDGET (fixture->window), GF_TYPE_WINDOW, "view_stack"));
    GtkWidget *charts = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (details),
                                                                   GF_TYPE_MAP_DETAILS,
                                                                   "charts_button"));
    GtkWidget *edit = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (details),
                                                                 GF_TYPE_MAP_DETAILS,
                                                                 "edit_button"));

    g_assert_false (gtk_widget_get_sensitive (edit));
    g_assert_nonnull (gtk_widget_get_tooltip_text (edit));
    g_signal_emit_by_name (charts, "clicked");
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "charts");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view",
                                               "s", "map"));
  }

  /* Esc (the action its key is bound to) clears the selection and closes the pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.clear-selection",
                                             NULL));
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, NULL), ==, GF_MAP_FEATURE_NONE);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

static gboolean
results_shown (gpointer page)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (page, GF_TYPE_MAP_PAGE,
                                                                       "results_revealer"));

  return gtk_revealer_get_reveal_child (revealer);
}

static void
test_map_search_cluster (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GfMapDetails *details = gf_map_page_get_details (fixture->page);
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                GF_TYPE_MAP_PAGE,
                                                                "search_entry"));
  ShumateViewport *viewport = gf_map_view_get_viewport (fixture->view);
  GtkWidget *map = map_widget (fixture);
  const GfMapCluster *c = gf_map_data_get_cluster (data, 1);
  double district_zoom = shumate_viewport_get_zoom_level (viewport);
  double lat, lon, zoom, x0, y0, x1, y1;
  int index;

  g_assert_cmpuint (c->n_members, >, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), c->name);
  gf_test_ui_spin_until (results_shown, fixture->page, 5000, "search results");
  g_signal_emit_by_name (entry, "activate");

  /* Selected, detailed, … */
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, &index), ==,
                   GF_MAP_FEATURE_CLUSTER);
  g_assert_cmpint (index, ==, 1);
  g_assert_cmpstr (gf_map_details_get_title (details), ==, c->name);
  g_assert_false (results_shown (fixture->page));

  /* … and zoomed to, without animation: the zoom that fits its box, the box in view. */
  g_assert_true (gf_map_util_fit_rect (&c->bounds, gtk_widget_get_width (map),
                                       gtk_widget_get_height (map), 48, 14, &lat, &lon, &zoom));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);
  g_assert_cmpfloat (zoom, >, district_zoom + 0.5);
  world_to_widget (fixture, c->bounds.x0, c->bounds.y0, &x0, &y0);
  world_to_widget (fixture, c->bounds.x1, c->bounds.y1, &x1, &y1);
  g_assert_true (inside_widget (fixture, x0, y0, 0));
  g_assert_true (inside_widget (fixture, x1, y1, 0));

  /* Back to the whole district. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "map.zoom-to-district", NULL));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), district_zoom,
                                  0.01);

  /* +/- zoom by whole steps. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport),
                                  floor (district_zoom) + 1, 1e-6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport),
                                  floor (district_zoom), 1e-6);
}

static void
test_map_search_code (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  const GfMapVillage *v = gf_map_data_get_village (data, 7);
  g_autoptr(GArray) matches = gf_map_util_search (data, v->code, 5);
  g_autoptr(GArray) by_name = gf_map_util_search (data, v->name, 5);
  g_autoptr(GArray) nothing = gf_map_util_search (data, "no such place", 5);

  g_assert_cmpuint (matches->len, >=, 1);
  g_assert_cmpint (g_array_index (matches, GfMapMatch, 0).kind, ==, GF_MAP_FEATURE_VILLAGE);
  g_assert_cmpint (g_array_index (matches, GfMapMatch, 0).index, ==, 7);
  g_assert_cmpuint (by_name->len, >=, 1);
  g_assert_cmpstr (g_array_index (by_name, GfMapMatch, 0).name, ==, v->name);
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_map_color_by (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  GtkWidget *legend = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                 GF_TYPE_MAP_PAGE,
                                                                 "legend_area"));
  GtkDropDown *classes_dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (
                                    GTK_WIDGET (fixture->page), GF_TYPE_MAP_PAGE,
                                    "classes_dropdown"));
  const GfMapClassification *classes;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) during = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) legend_texture = NULL;
  GfMapStyle *style;
  guint generation = gf_tile_source_get_generation (source);
  int village, legend_height = gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (legend));
  guint8 pixel[4];
  guint32 expected;
  double x, y;

  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_CLUSTER);

  /* A pixel inside a known village has its cluster's colour (near enough for the villages to
   * be bigger than their names). */
  g_assert_true (gf_map_view_zoom_to_feature (fixture->view, GF_MAP_FEATURE_CLUSTER, 0));
  wait_for_tiles (fixture);
  village = (int) gf_map_data_get_cluster (data, 0)->members[0];
  for (guint m = 0; !find_plain_point (fixture, village, &x, &y); m++)
    {
      g_assert_cmpuint (m + 1, <, gf_map_data_get_cluster (data, 0)->n_members);
      village = (int) gf_map_data_get_cluster (data, 0)->members[m + 1];
    }
  g_test_message ("Checking pixels of %s at %.0f, %.0f", gf_map_data_get_village (data, village)->name, x, y);
  before = render_widget (map_widget (fixture));
  if (g_getenv ("GF_TEST_SAVE") != NULL)
    gdk_texture_save_to_png (before, "/tmp/gf-map-before.png");
  read_pixel (before, (int) x, (int) y, pixel);
  assert_color (pixel, gf_map_data_get_cluster (data, 0)->color, 3);

  /* Colour by an indicator: read in a worker, then a new generation of tiles; until they
   * arrive the old ones stay. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, "coll_operating_income"));
  wait_for_load (fixture);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  g_assert_cmpuint (gf_tile_source_get_n_pending (source), >, 0);
  during = render_widget (map_widget (fixture));
  read_pixel (during, (int) x, (int) y, pixel);
  assert_color (pixel, gf_map_data_get_cluster (data, 0)->color, 3);

  style = gf_map_view_get_style (fixture->view);
  g_assert_cmpint (gf_map_style_get_color_by (style), ==, GF_MAP_COLOR_BY_VALUE);
  classes = gf_map_style_get_classification (style);
  g_assert_nonnull (classes);
  g_assert_cmpint (classes->method, ==, GF_MAP_CLASSIFY_QUANTILE);
  g_assert_cmpuint (classes->n_classes, >=, 3);

  wait_for_tiles (fixture);
  after = render_widget (map_widget (fixture));
  if (g_getenv ("GF_TEST_SAVE") != NULL)
    gdk_texture_save_to_png (after, "/tmp/gf-map-after.png");
  read_pixel (after, (int) x, (int) y, pixel);
  g_assert_true (gf_map_style_get_village_fill (style, village, &expected));
  assert_color (pixel, expected, 3);

  /* The legend lists the classes: every class colour is in its swatch column. */
  g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (legend)), !=,
                   legend_height);
  gf_test_ui_spin_for (50);
  legend_texture = render_widget (legend);
  for (guint i = 0; i < classes->n_classes; i++)
    {
      gboolean found = FALSE;

      for (int py = 0; py < gdk_texture_get_height (legend_texture) && !found; py++)
        {
          read_pixel (legend_texture, 18, py, pixel);
          found = abs (pixel[0] - (int) ((classes->colors[i] >> 16) & 0xff)) <= 2
                  && abs (pixel[1] - (int) ((classes->colors[i] >> 8) & 0xff)) <= 2
                  && abs (pixel[2] - (int) (classes->colors[i] & 0xff)) <= 2;
        }
      if (!found)
        g_error ("The legend has no swatch of class %u (%s)", i, classes->labels[i]);
    }

  /* The benchmark: 50 万元 splits the villages in two, the poorer side red. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (classes_dropdown)), ==, 3);
  gtk_drop_down_set_selected (classes_dropdown, 2);
  wait_for_load (fixture);
  classes = gf_map_style_get_classification (gf_map_view_get_style (fixture->view));
  g_assert_cmpint (classes->method, ==, GF_MAP_CLASSIFY_THRESHOLDS);
  g_assert_cmpuint (classes->n_classes, ==, 2);
  g_assert_cmpfloat (classes->breaks[0], ==, 50);
  g_assert_cmpuint ((classes->colors[0] >> 16) & 0xff, >, (classes->colors[0] & 0xff) + 60);
  wait_for_tiles (fixture);

  /* Back to the clusters. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, NULL));
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_CLUSTER);
  wait_for_tiles (fixture);
}

static void
test_map_layers (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  guint generation = gf_tile_source_get_generation (source);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  int village = find_clickable_village (fixture);
  const GfMapVillage *v = gf_map_data_get_village (data, village);
  int index;
  double x, y;

  g_assert_cmpuint (gf_map_view_get_layers (fixture->view), ==, GF_MAP_LAYER_ALL);
  gf_map_page_set_layer_visible (fixture->page, GF_MAP_LAYER_LABELS, FALSE);
  g_assert_cmpuint (gf_map_view_get_layers (fixture->view), ==,
                    GF_MAP_LAYER_ALL & ~GF_MAP_LAYER_LABELS);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  g_assert_cmpuint (gf_tile_source_get_layers (source), ==,
                    GF_MAP_LAYER_ALL & ~GF_MAP_LAYER_LABELS);

  /* Without villages, a click in a cluster selects the cluster. */
  gf_map_page_set_layer_visible (fixture->page, GF_MAP_LAYER_VILLAGES, FALSE);
  world_to_widget (fixture, v->label_x, v->label_y, &x, &y);
  gf_test_ui_click_map (fixture->view, x, y, x, y);
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, &index), ==,
                   GF_MAP_FEATURE_CLUSTER);
  g_assert_cmpint (index, ==, v->cluster);

  gf_map_page_set_layer_visible (fixture->page, GF_MAP_LAYER_VILLAGES, TRUE);
  gf_map_page_set_layer_visible (fixture->page, GF_MAP_LAYER_LABELS, TRUE);
  wait_for_tiles (fixture);
}

static void
test_map_year (Fixture       *fixture,
               gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  GtkDropDown *years = GTK_DROP_DOWN (gtk_widget_get_template_child (
                         GTK_WIDGET (fixture->window), GF_TYPE_WINDOW, "year_dropdown"));
  int year = gf_window_get_year (fixture->window);
  g_autofree char *prefix = NULL;
  guint generation;

  g_assert_true (gf_map_page_set_color_by (fixture->page, "income_per_capita_disposable"));
  wait_for_load (fixture);
  prefix = g_strdup_printf ("%d", year);
  g_assert_true (g_str_has_prefix (gf_map_style_get_subtitle (gf_map_view_get_style (fixture->view)),
                                   prefix));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (years)), >, 1);

  /* The map follows the window's year: a new style, a new generation of tiles. */
  generation = gf_tile_source_get_generation (source);
  gtk_drop_down_set_selected (years, 1);
  gf_test_ui_wait_for_summary (fixture->window);
  g_assert_cmpint (gf_window_get_year (fixture->window), ==, year - 1);
  wait_for_load (fixture);
  g_clear_pointer (&prefix, g_free);
  prefix = g_strdup_printf ("%d", year - 1);
  g_assert_true (g_str_has_prefix (gf_map_style_get_subtitle (gf_map_view_get_style (fixture->view)),
                                   prefix));
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  wait_for_tiles (fixture);

  gtk_drop_down_set_selected (years, 0);
  gf_test_ui_wait_for_summary (fixture->window);
  wait_for_tiles (fixture);
}

static void
test_map_data_changed (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  guint generation = gf_tile_source_get_generation (source);
  GfMapData *old_data = gf_map_view_get_data (fixture->view);
  GfMapData *data = gf_map_view_get_data (fixture->view);
  int village = find_clickable_village (fixture);
  gint64 id = gf_map_data_get_village (data, village)->id;
  int index;

  gf_map_view_select (fixture->view, GF_MAP_FEATURE_VILLAGE, village);

  /* Any change of the database reloads the map data and redraws the tiles; the selection
   * follows its feature. */
  gf_database_emit_changed (fixture->db, "village");
  wait_for_load (fixture);
  g_assert_true (gf_map_view_get_data (fixture->view) != old_data);
  g_assert_cmpuint (gf_tile_source_get_generation (source), >, generation);
  g_assert_cmpint (gf_map_view_get_selection (fixture->view, &index), ==,
                   GF_MAP_FEATURE_VILLAGE);
  g_assert_cmpint (gf_map_data_get_village (gf_map_view_get_data (fixture->view), index)->id,
                   ==, id);
  wait_for_tiles (fixture);
}

/* Loading off the main thread, classes, Show on Charts, map slides */

/* Talents returned (返乡人才) in 2025, the sample's last year: every one of the 326 villages
 * has a whole number from 0 to 12, and (from data/sample/observations.csv) 77 villages have
 * 0, 70 have 1, 69 have 2, 74 have 3, then 4, 3, 4, 5, 4, 9, 3, 3 and 1 have 4 to 12. */
#define TALENTS "talents_returned"

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
assert_classes (Fixture            *fixture,
                GfMapClassifyMethod method,
                const char * const *labels,
                const guint        *counts)
{
  const GfMapClassification *classes =
    gf_map_style_get_classification (gf_map_view_get_style (fixture->view));
  guint n = g_strv_length ((char **) labels), total = 0;

  g_assert_nonnull (classes);
  g_assert_cmpint (classes->method, ==, method);
  g_assert_cmpuint (classes->n_classes, ==, n);
  g_assert_cmpuint (classes->n_missing, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (classes->labels[i], ==, labels[i]);
      g_assert_cmpuint (classes->counts[i], ==, counts[i]);
      total += counts[i];
    }
  g_assert_cmpuint (total, ==, 326);
}

static void
test_map_async_load (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  GtkWidget *legend = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE, "legend_area");
  GtkRevealer *spinner = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                    "loading_revealer");
  GtkDropDown *methods = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                    "classes_dropdown");
  GfMapStyle *before = gf_map_view_get_style (fixture->view);
  guint generation = gf_tile_source_get_generation (source);
  guint n_notify = 0;
  g_autofree char *failure = NULL;
  /* Equal intervals of 0 to 12 in five: breaks at 2.4, 4.8, 7.2 and 9.6. */
  const char * const labels[] = { "< 2.4", "2.4 – 4.8", "4.8 – 7.2", "7.2 – 9.6", "≥ 9.6", NULL };
  const guint counts[] = { 77 + 70 + 69, 74 + 4, 3 + 4 + 5, 4 + 9, 3 + 3 + 1 };

  g_assert_cmpint (gf_window_get_year (fixture->window), ==, 2025);
  g_assert_false (gf_map_page_get_loading (fixture->page));
  g_signal_connect_swapped (fixture->page, "notify::loading", G_CALLBACK (count_cb), &n_notify);

  /* The method alone, while the clusters colour the map, reads nothing. */
  gtk_drop_down_set_selected (methods, 1);
  g_assert_false (gf_map_page_get_loading (fixture->page));

  /* An indicator is read in a worker: meanwhile the map shows what it showed, the spinner
   * waits a moment (a fast load would only flicker it). */
  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  g_assert_true (gf_map_page_get_loading (fixture->page));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (gf_map_view_get_style (fixture->view) == before);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation);
  g_assert_false (gtk_revealer_get_reveal_child (spinner));

  wait_for_load (fixture);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_false (gtk_revealer_get_reveal_child (spinner));
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_VALUE);
  g_assert_cmpstr (gf_map_style_get_title (gf_map_view_get_style (fixture->view)), ==,
                   "Talents returned");
  assert_classes (fixture, GF_MAP_CLASSIFY_EQUAL_INTERVAL, labels, counts);

  /* The legend says the same to screen readers. */
  failure = gtk_test_accessible_check_property (
              GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
              "Talents returned (2025 · 人); < 2.4: 216; 2.4 – 4.8: 78; 4.8 – 7.2: 12; "
              "7.2 – 9.6: 13; ≥ 9.6: 7");
  if (failure != NULL)
    g_error ("The legend's description: %s", failure);

  g_signal_handlers_disconnect_by_func (fixture->page, count_cb, &n_notify);
  wait_for_tiles (fixture);
}

static void
test_map_class_count (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  GtkDrawingArea *legend = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                      "legend_area");
  GtkSpinButton *spin = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                   "n_classes_spin");
  GtkWidget *spin_label;
  GtkWidget *spin_box = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                   "n_classes_box");
  GtkDropDown *methods = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                    "classes_dropdown");
  GfMapData *data = gf_map_view_get_data (fixture->view);
  g_autofree char *failure = NULL;
  guint generation;
  int height3, height7;
  /* Quantiles of 326 values in three: the values of rank 108 and 217 (1 and 3). */
  const char * const quantile3[] = { "< 1", "1 – 3", "≥ 3", NULL };
  const guint quantile3_counts[] = { 77, 70 + 69, 326 - 77 - 70 - 69 };
  /* In seven: ranks 46, 93, 139, 186, 232, 279 hold 0, 1, 1, 2, 3, 3; a break at the minimum
   * and repeated breaks merge classes, so four remain. */
  const char * const quantile7[] = { "< 1", "1 – 2", "2 – 3", "≥ 3", NULL };
  const guint quantile7_counts[] = { 77, 70, 69, 326 - 77 - 70 - 69 };
  /* Equal intervals of 0 to 12 in three: 4 and 8. */
  const char * const equal3[] = { "< 4", "4 – 8", "≥ 8", NULL };
  const guint equal3_counts[] = { 77 + 70 + 69 + 74, 4 + 3 + 4 + 5, 4 + 9 + 3 + 3 + 1 };
  /* In seven: 12·i/7 to a tenth (the range's third significant digit): 1.7, 3.4, 5.1, 6.9,
   * 8.6, 10.3. */
  const char * const equal7[] = { "< 1.7", "1.7 – 3.4", "3.4 – 5.1", "5.1 – 6.9",
                                   "6.9 – 8.6", "8.6 – 10.3", "≥ 10.3", NULL };
  const guint equal7_counts[] = { 77 + 70, 69 + 74, 4 + 3, 4, 5 + 4, 9 + 3, 3 + 1 };

  /* Named for screen readers by the label beside it (its mnemonic widget; a label of its own
   * as well made GTK 4.8 say the name twice); nothing to count while the clusters colour the
   * map. */
  spin_label = gtk_widget_get_prev_sibling (GTK_WIDGET (spin));
  g_assert_true (GTK_IS_LABEL (spin_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (spin_label)), ==, "Number of classes");
  failure = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (spin),
                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY, spin_label,
                                                NULL);
  if (failure != NULL)
    g_error ("The spin button's name: %s", failure);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (spin),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 5);
  g_assert_false (gtk_widget_get_sensitive (spin_box));

  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  g_assert_true (gtk_widget_get_sensitive (spin_box));
  wait_for_load (fixture);

  gtk_spin_button_set_value (spin, 3);
  g_assert_true (gf_map_page_get_loading (fixture->page));
  wait_for_load (fixture);
  assert_classes (fixture, GF_MAP_CLASSIFY_QUANTILE, quantile3, quantile3_counts);

  gtk_spin_button_set_value (spin, 7);
  wait_for_load (fixture);
  assert_classes (fixture, GF_MAP_CLASSIFY_QUANTILE, quantile7, quantile7_counts);

  /* The range is 3 to 7. */
  gtk_spin_button_set_value (spin, 9);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 7);
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 3);
  wait_for_load (fixture);

  gtk_drop_down_set_selected (methods, 1);
  wait_for_load (fixture);
  assert_classes (fixture, GF_MAP_CLASSIFY_EQUAL_INTERVAL, equal3, equal3_counts);
  height3 = gtk_drawing_area_get_content_height (legend);

  /* Seven classes: the legend grows by four rows and the tiles are drawn again, the most
   * talented village in the darkest blue of seven. */
  generation = gf_tile_source_get_generation (source);
  gf_map_page_set_n_classes (fixture->page, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 7);
  wait_for_load (fixture);
  assert_classes (fixture, GF_MAP_CLASSIFY_EQUAL_INTERVAL, equal7, equal7_counts);
  height7 = gtk_drawing_area_get_content_height (legend);
  g_assert_cmpint (height7, >, height3);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      GfMapStyle *style = gf_map_view_get_style (fixture->view);
      guint32 rgb;

      if (gf_map_style_get_village_value (style, i) == 12)
        {
          g_assert_true (gf_map_style_get_village_fill (style, i, &rgb));
          g_assert_cmphex (rgb, ==, 0x0C2C84);
        }
    }

  /* The benchmark makes its own classes: no count to choose. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, "coll_operating_income"));
  gtk_drop_down_set_selected (methods, 2);
  g_assert_false (gtk_widget_get_sensitive (spin_box));
  wait_for_load (fixture);
  g_assert_cmpuint (gf_map_style_get_classification (gf_map_view_get_style (fixture->view))->n_classes,
                    ==, 2);
  wait_for_tiles (fixture);
}

static void
test_map_supersede (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GfTileSource *source = gf_map_view_get_tile_source (fixture->view);
  guint generation = gf_tile_source_get_generation (source);

  /* A second indicator before the first is read: only the second lands. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  g_assert_true (gf_map_page_set_color_by (fixture->page, "new_farmers"));
  wait_for_load (fixture);
  g_assert_cmpstr (gf_map_style_get_title (gf_map_view_get_style (fixture->view)), ==,
                   "New farmers");
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  gf_test_ui_spin_for (100);
  g_assert_cmpstr (gf_map_style_get_title (gf_map_view_get_style (fixture->view)), ==,
                   "New farmers");

  /* Back to the clusters before the indicator is read: at once, and it stays so. */
  generation = gf_tile_source_get_generation (source);
  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  g_assert_true (gf_map_page_get_loading (fixture->page));
  g_assert_true (gf_map_page_set_color_by (fixture->page, NULL));
  g_assert_false (gf_map_page_get_loading (fixture->page));
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_CLUSTER);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);
  gf_test_ui_spin_for (300);
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_CLUSTER);
  g_assert_cmpuint (gf_tile_source_get_generation (source), ==, generation + 1);

  /* A change of the database while an indicator is read: the map data too, once. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  gf_database_emit_changed (fixture->db, "observation");
  g_assert_true (gf_map_page_get_loading (fixture->page));
  wait_for_load (fixture);
  g_assert_true (gf_map_style_get_data (gf_map_view_get_style (fixture->view))
                 == gf_map_view_get_data (fixture->view));
  g_assert_cmpstr (gf_map_style_get_title (gf_map_view_get_style (fixture->view)), ==,
                   "Talents returned");
  wait_for_tiles (fixture);
}

static void
test_map_load_error (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkLabel *error_label = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                     "error_label");
  const char *path = gf_database_get_path (fixture->db);
  g_autofree char *moved = g_strconcat (path, ".moved", NULL);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* The worker opens the file by name: without it, the villages keep their clusters'
   * colours and the panel says why in a sentence. */
  g_assert_cmpint (g_rename (path, moved), ==, 0);
  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  wait_for_load (fixture);
  g_assert_cmpint (g_rename (moved, path), ==, 0);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_test_message ("%s", gtk_label_get_label (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (error_label),
                                   "The villages cannot be coloured by this indicator. "));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "does not exist"));
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_CLUSTER);

  /* The file is back: the next request works and the sentence goes. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, "new_farmers"));
  wait_for_load (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpint (gf_map_style_get_color_by (gf_map_view_get_style (fixture->view)), ==,
                   GF_MAP_COLOR_BY_VALUE);
  wait_for_tiles (fixture);
}

static void
record_activation_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      GVariant     **recorded)
{
  g_clear_pointer (recorded, g_variant_unref);
  *recorded = g_variant_ref (parameter);
}

/* Clicks "Show on Charts" for the feature, and returns what win.show-on-charts received, or
 * NULL when the button is hidden. */
static GVariant *
show_on_charts (Fixture           *fixture,
                GfMapFeatureKind   kind,
                int                index,
                GVariant         **recorded)
{
  GfMapDetails *details = gf_map_page_get_details (fixture->page);
  GtkWidget *button = gf_test_ui_template_child (details, GF_TYPE_MAP_DETAILS, "charts_button");

  g_clear_pointer (recorded, g_variant_unref);
  gf_map_view_select (fixture->view, kind, index);
  g_assert_cmpint (gf_map_details_get_feature (details, NULL), ==, kind);
  if (!gtk_widget_get_visible (button))
    return NULL;

  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (*recorded);
  return *recorded;
}

static void
test_map_show_on_charts (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GfMapData *data = gf_map_view_get_data (fixture->view);
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-on-charts",
                                                         G_VARIANT_TYPE ("(sx)"));
  GVariant *recorded = NULL;
  GVariant *parameter;
  const GfMapCluster *cluster = gf_map_data_get_cluster (data, 1);
  const GfMapVillage *village = gf_map_data_get_village (data, 7);
  int site = -1, loose_site = -1;
  const char *subject;
  gint64 id;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  /* What win.show-on-charts receives: a "win" group on the page stands in for the window's
   * (which the Charts view tests check). */
  g_signal_connect (action, "activate", G_CALLBACK (record_activation_cb), &recorded);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->page), "win", G_ACTION_GROUP (group));

  parameter = show_on_charts (fixture, GF_MAP_FEATURE_CLUSTER, 1, &recorded);
  g_assert_nonnull (parameter);
  g_variant_get (parameter, "(&sx)", &subject, &id);
  g_assert_cmpstr (subject, ==, "cluster");
  g_assert_cmpint (id, ==, cluster->id);

  parameter = show_on_charts (fixture, GF_MAP_FEATURE_VILLAGE, 7, &recorded);
  g_assert_nonnull (parameter);
  g_variant_get (parameter, "(&sx)", &subject, &id);
  g_assert_cmpstr (subject, ==, "village");
  g_assert_cmpint (id, ==, village->id);

  /* A site: its village's charts; a site in no village and a town have none. */
  for (guint i = 0; i < gf_map_data_get_n_sites (data); i++)
    {
      const GfMapSite *s = gf_map_data_get_site (data, i);

      if (s->village_id != 0 && site < 0)
        site = (int) i;
      if (s->village_id == 0 && loose_site < 0)
        loose_site = (int) i;
    }
  g_assert_cmpint (site, >=, 0);
  parameter = show_on_charts (fixture, GF_MAP_FEATURE_SITE, site, &recorded);
  g_assert_nonnull (parameter);
  g_variant_get (parameter, "(&sx)", &subject, &id);
  g_assert_cmpstr (subject, ==, "village");
  g_assert_cmpint (id, ==, gf_map_data_get_site (data, site)->village_id);
  if (loose_site >= 0)
    g_assert_null (show_on_charts (fixture, GF_MAP_FEATURE_SITE, loose_site, &recorded));

  g_assert_null (show_on_charts (fixture, GF_MAP_FEATURE_TOWN, 0, &recorded));

  gtk_widget_insert_action_group (GTK_WIDGET (fixture->page), "win", NULL);
  g_clear_pointer (&recorded, g_variant_unref);
  gf_map_view_select (fixture->view, GF_MAP_FEATURE_NONE, -1);
}

static void
test_map_slide_classes (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkDropDown *methods = gf_test_ui_template_child (fixture->page, GF_TYPE_MAP_PAGE,
                                                    "classes_dropdown");
  g_autoptr(GfSlide) clusters = NULL;
  g_autoptr(GfSlide) equal = NULL;
  g_autoptr(GfSlide) quantile = NULL;
  g_autoptr(GfSlide) benchmark = NULL;

  clusters = gf_map_page_make_slide (fixture->page);
  g_assert_cmpint (clusters->kind, ==, GF_SLIDE_MAP);
  g_assert_null (clusters->indicators);
  g_assert_cmpuint (clusters->n_classes, ==, 0);

  g_assert_true (gf_map_page_set_color_by (fixture->page, TALENTS));
  gtk_drop_down_set_selected (methods, 1);
  gf_map_page_set_n_classes (fixture->page, 7);
  equal = gf_map_page_make_slide (fixture->page);
  g_assert_nonnull (equal->indicators);
  g_assert_cmpstr (equal->indicators[0], ==, TALENTS);
  g_assert_cmpint (equal->last_year, ==, 2025);
  g_assert_cmpint (equal->classify, ==, GF_MAP_CLASSIFY_EQUAL_INTERVAL);
  g_assert_cmpuint (equal->n_classes, ==, 7);

  gtk_drop_down_set_selected (methods, 0);
  gf_map_page_set_n_classes (fixture->page, 3);
  quantile = gf_map_page_make_slide (fixture->page);
  g_assert_cmpint (quantile->classify, ==, GF_MAP_CLASSIFY_QUANTILE);
  g_assert_cmpuint (quantile->n_classes, ==, 3);

  /* The benchmark's one threshold makes the classes: no count. */
  g_assert_true (gf_map_page_set_color_by (fixture->page, "coll_operating_income"));
  gtk_drop_down_set_selected (methods, 2);
  benchmark = gf_map_page_make_slide (fixture->page);
  g_assert_cmpstr (benchmark->indicators[0], ==, "coll_operating_income");
  g_assert_cmpint (benchmark->classify, ==, GF_MAP_CLASSIFY_THRESHOLDS);
  g_assert_cmpuint (benchmark->n_classes, ==, 0);
  wait_for_load (fixture);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests read accessible names and descriptions: GTK's in-process test context keeps
   * them (the suite's GTK_A11Y=none keeps none) and needs no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/map/tiles", Fixture, NULL, fixture_set_up, test_map_tiles,
              fixture_tear_down);
  g_test_add ("/ui/map/tile-display-scale", Fixture, NULL, fixture_set_up,
              test_map_tile_display_scale, fixture_tear_down);
  g_test_add ("/ui/map/projection", Fixture, NULL, fixture_set_up, test_map_projection,
              fixture_tear_down);
  g_test_add ("/ui/map/click-village", Fixture, NULL, fixture_set_up, test_map_click_village,
              fixture_tear_down);
  g_test_add ("/ui/map/search-cluster", Fixture, NULL, fixture_set_up, test_map_search_cluster,
              fixture_tear_down);
  g_test_add ("/ui/map/search-code", Fixture, NULL, fixture_set_up, test_map_search_code,
              fixture_tear_down);
  g_test_add ("/ui/map/color-by", Fixture, NULL, fixture_set_up, test_map_color_by,
              fixture_tear_down);
  g_test_add ("/ui/map/layers", Fixture, NULL, fixture_set_up, test_map_layers,
              fixture_tear_down);
  g_test_add ("/ui/map/year", Fixture, NULL, fixture_set_up, test_map_year,
              fixture_tear_down);
  g_test_add ("/ui/map/data-changed", Fixture, NULL, fixture_set_up, test_map_data_changed,
              fixture_tear_down);
  g_test_add ("/ui/map/async-load", Fixture, NULL, fixture_set_up, test_map_async_load,
              fixture_tear_down);
  g_test_add ("/ui/map/class-count", Fixture, NULL, fixture_set_up, test_map_class_count,
              fixture_tear_down);
  g_test_add ("/ui/map/supersede", Fixture, NULL, fixture_set_up, test_map_supersede,
              fixture_tear_down);
  g_test_add ("/ui/map/load-error", Fixture, NULL, fixture_set_up, test_map_load_error,
              fixture_tear_down);
  g_test_add ("/ui/map/show-on-charts", Fixture, NULL, fixture_set_up, test_map_show_on_charts,
              fixture_tear_down);
  g_test_add ("/ui/map/slide-classes", Fixture, NULL, fixture_set_up, test_map_slide_classes,
              fixture_tear_down);

  return g_test_run ();
}
