/* bench-map.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map widget at province scale, in a real window: needs a display. Run it under Xvfb:
 *
 *   ../shared/tools/headless ninja -C _build bench-map
 *
 * The district is the lattice of bench-map-core.c (20,000 villages of 24-vertex polygons,
 * 200 towns, 240 clusters, 1,000 sites, 20 routes), written through the store API into a
 * temporary database. Prints, after comment lines that start with "#":
 *
 *   load: N ms           gf_map_data_load(), median of 5 (wall clock)
 *   frame_layers: N ms   CPU of the frames of one pan move of GfMapView (a ShumateMap with
 *                        the feature tiles of GfTileSource over GfNullSource, the overlay,
 *                        the basemap "none") in a 1024 × 768 window, tiles already rendered
 *                        and cached; median over the moves
 *   load_markers: N ms   adding the same 20,000 villages as ShumateMarker widgets to a
 *                        ShumateMarkerLayer in the same window: ShumatePoint, libshumate's own
 *                        point marker, as in shared/notes/map-libshumate.md's measurement (its
 *                        CSS draws a round dot); GF_BENCH_MARKER=image makes them plain
 *                        ShumateMarkers holding a GtkImage of an 8-px dot instead
 *   frame_markers: N ms  the same for the same moves over the markers
 *   ratio: N             frame_markers ÷ frame_layers
 *   zoom_rerender: N ms  after a zoom step (as the zoom-in button takes it), until every tile
 *                        of the new zoom the layer asked for is rendered in the worker
 *                        threads (the source hands the last batch to the layer then), median
 *                        of 3 steps from the overview (wall clock)
 *   pick: N ms           gf_map_data_pick() at a random point, median of 20,000
 *
 * The moves: 48 pans of 60 logical pixels (12 east, 12 south, 12 west, 12 north) from the view
 * the map opens with, the district fitted to the window (every village on screen), run once
 * to render and cache the tiles, then measured.
 *
 * The floor, in comment lines: the same moves pan one window-sized texture (the window as the
 * map opened, in a GtkPicture) in the same window. No map that shows finished images can pan
 * for less on this renderer, so frame_markers ÷ floor bounds the ratio any raster map could
 * reach here, whatever it does with its tiles.
 *
 * Frame CPU: the CPU time of the whole process, from the frame clock's "before-paint" to its
 * "after-paint": the update, layout and paint phases, that is every allocation, the snapshot
 * of the whole window and its rendering, on the main thread and on the threads of the GL
 * rasteriser (llvmpipe under Xvfb), since no tile renders while the moves are measured.
 * frame_layers and frame_markers are the median over the moves of the CPU of the frames each
 * move drew: a move of the map layer draws two (the move, then the tiles the layer adds from
 * an idle; in a drag both land in one frame), and the second is often nearly empty (0.2 ms:
 * nothing new on screen), so a median over single frames would sit between the two kinds and
 * flatter the map. Comment lines add the median of single frames, the main thread alone, and
 * the whole cost of a move (the layers' handlers of the viewport change run outside the
 * frames). The renderer is GTK's
 * default, GL (llvmpipe under Xvfb); GF_BENCH_RENDERER=cairo measures GTK's cairo renderer
 * instead (the headless wrapper's default, which draws every tile texture through an X image
 * on each frame). GSK reads its renderer once per process, hence a second run for cairo.
 *
 * Adding markers is quadratic in GTK 4.8 (shared/notes/map-libshumate.md). They are added
 * 1,000 at a time; when the law fitted at 5,000 (t = a·n² + b·n) predicts more than
 * GF_BENCH_MARKER_BUDGET seconds (default 180) for 20,000, the run stops at 5,000 and
 * extrapolates load_markers with that law and frame_markers linearly (each frame allocates
 * every marker), and says so in a comment line. GF_BENCH_VILLAGES (a multiple of 1,000) makes
 * a smaller district for a quick run; GF_BENCH_SHOT_DIR saves what each measured pass ended
 * on (frame_layers.png, frame_markers.png) and the render nodes of that frame (*.png.node).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The widget header first: it decides the name of the renderer's extent type. */
#include "gf-map-view.h"
#include "gf-map-render.h"
#include "gf-null-source.h"
#include "gf-store.h"

#include "bench-province.h"


#define WINDOW_WIDTH 1024
#define WINDOW_HEIGHT 768
#define PICK_ZOOM 10
#define PAN_STEP 60
#define N_MOVES 48
#define MARKER_BATCH 1000
#define MARKER_PROBE 5000

/* The district (the same lattice as bench-map-core.c) */

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("bench-map: %s", error ? error->message : "failed");
}

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double
process_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *samples,
        guint   n)
{
  if (n == 0)
    return NAN;
  qsort (samples, n, sizeof (double), compare_double);
  return samples[n / 2];
}

static double
percentile (double *samples,
            guint   n,
            double  p)
{
  if (n == 0)
    return NAN;
  qsort (samples, n, sizeof (double), compare_double);
  return samples[MIN (n - 1, (guint) (p * n))];
}


/* Frames */

typedef struct
{
  GtkWindow *window;
  gulong     before_id;
  gulong     after_id;
  double     frame_cpu_start;       /* the process: main thread, GL threads, all */
  double     frame_main_start;      /* the main thread */
  guint      n_frames;
  gboolean   recording;
  GArray    *frames;                /* double: process CPU ms of each recorded frame */
  GArray    *main_frames;           /* double: main-thread CPU ms of the same frames */
  double     move_frames_cpu;       /* process CPU ms of the frames of the current move */
  GArray    *pan_frames;            /* double: process CPU ms of all the frames of each move */
  GArray    *moves;                 /* double: process CPU ms of each move and its frames */
} Bench;

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_cpu_start = process_cpu_ms ();
  bench->frame_main_start = cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double cpu = process_cpu_ms () - bench->frame_cpu_start;
  double main_cpu = cpu_ms () - bench->frame_main_start;

  if (bench->frame_cpu_start > 0 && bench->recording)
    {
      g_array_append_val (bench->frames, cpu);
      g_array_append_val (bench->main_frames, main_cpu);
      bench->move_frames_cpu += cpu;
    }
  bench->frame_cpu_start = 0;
  bench->n_frames++;
}

static void
watch_frames (Bench     *bench,
              GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_assert (clock != NULL);
  bench->window = window;
  bench->before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  bench->after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
}

static void
unwatch_frames (Bench *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));

  if (clock != NULL)
    {
      g_clear_signal_handler (&bench->before_id, clock);
      g_clear_signal_handler (&bench->after_id, clock);
    }
  bench->window = NULL;
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop, sleeping in poll (the waiting costs no CPU), until @done says so or
 * @timeout_ms passed. Returns whether @done said so. */
static gboolean
run_until (Condition  done,
           gpointer   data,
           double     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (MAX (1, (guint) timeout_ms), deadline_cb, &expired);

  while ((done == NULL || !done (data)) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return !expired;
}

static void
spin_for (double ms)
{
  run_until (NULL, NULL, ms);
}

typedef struct
{
  Bench *bench;
  guint  n_frames;
} FrameWait;

static gboolean
frame_came (gpointer user_data)
{
  FrameWait *wait = user_data;

  return wait->bench->n_frames != wait->n_frames;
}

/* Waits for a frame after now (up to @first_ms: nothing may have changed), then for the
 * frames that follow it, until none came for @quiet_ms. Returns whether a frame came. */
static gboolean
wait_frames (Bench  *bench,
             double  first_ms,
             double  quiet_ms)
{
  FrameWait wait = { bench, bench->n_frames };

  if (!run_until (frame_came, &wait, first_ms))
    return FALSE;

  do
    wait.n_frames = bench->n_frames;
  while (run_until (frame_came, &wait, quiet_ms));

  return TRUE;
}

static gboolean
tiles_pending (gpointer source)
{
  return source != NULL && gf_tile_source_get_n_pending (source) > 0;
}

static gboolean
tiles_idle (gpointer source)
{
  return !tiles_pending (source);
}

/* Waits until no render is in flight and none was asked for during @quiet_ms. */
static void
wait_tiles (GfTileSource *source,
            double        quiet_ms)
{
  do
    run_until (tiles_idle, source, 30000);
  while (run_until (tiles_pending, source, quiet_ms));
}

/* Moves what a pass pans by @dx, @dy logical pixels, as a drag would. */
typedef void (*MoveFunc) (gpointer target,
                          double   dx,
                          double   dy);

static void
move_map (gpointer target,
          double   dx,
          double   dy)
{
  ShumateViewport *viewport = shumate_map_get_viewport (target);
  double x, y, lon, lat, k;

  gf_map_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &x, &y);
  k = gf_map_world_size (shumate_viewport_get_zoom_level (viewport));
  gf_map_unproject (x + dx / k, y + dy / k, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static void
move_delta (int     move,
            double *dx,
            double *dy)
{
  static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };
  int side = (move / (N_MOVES / 4)) % 4;

  *dx = dirs[side][0] * PAN_STEP;
  *dy = dirs[side][1] * PAN_STEP;
}

/* Runs the pan moves; with @measure, records every frame drawn meanwhile, and the CPU of
 * each move: the viewport change (the layers' own handlers run then, as they would for a
 * drag event) and every frame it caused. The waits sleep in poll and cost nothing. */
static void
run_moves (Bench        *bench,
           MoveFunc      move,
           gpointer      target,
           GfTileSource *source,
           gboolean      measure)
{
  g_array_set_size (bench->frames, 0);
  g_array_set_size (bench->main_frames, 0);
  g_array_set_size (bench->moves, 0);
  g_array_set_size (bench->pan_frames, 0);
  for (int m = 0; m < N_MOVES; m++)
    {
      double dx, dy, start, cpu;

      move_delta (m, &dx, &dy);
      bench->recording = measure;
      bench->move_frames_cpu = 0;
      start = process_cpu_ms ();
      move (target, dx, dy);
      wait_frames (bench, 2000, 40);
      cpu = process_cpu_ms () - start;
      bench->recording = FALSE;
      if (measure)
        {
          g_array_append_val (bench->moves, cpu);
          g_array_append_val (bench->pan_frames, bench->move_frames_cpu);
        }
      else
        {
          /* The tiles may all have come with the move's own frames, and then no frame
           * follows: a short wait (with GTK's cairo renderer, which draws a 2,000-village
           * district's tiles that fast, two seconds a move made the run look hung). */
          wait_tiles (source, 60);
          wait_frames (bench, 250, 20);
        }
    }
}

static void
summarize (const char *what,
           const char *renderer,
           Bench      *bench,
           double     *med)
{
  double *v = (double *) bench->frames->data;
  guint n = bench->frames->len;
  double frame_med = median (v, n);
  double frame_p90 = percentile (v, n, 0.9);
  double main_med = median ((double *) bench->main_frames->data, bench->main_frames->len);
  double move_med = median ((double *) bench->moves->data, bench->moves->len);
  double *pans = (double *) bench->pan_frames->data;
  guint n_pans = bench->pan_frames->len;

  *med = median (pans, n_pans);
  g_print ("# %s (%s): %d moves drew %u frames; CPU of the frames of a move (all threads): "
           "median %.2f ms, p90 %.2f ms, max %.2f ms; of one frame: median %.2f ms, p90 %.2f "
           "ms; main thread alone, one frame: median %.2f ms; a whole move (viewport handlers "
           "and all its frames): median %.2f ms\n",
           what, renderer, N_MOVES, n, *med, percentile (pans, n_pans, 0.9),
           percentile (pans, n_pans, 1.0), frame_med, frame_p90, main_med, move_med);
}

/* What @window shows, rendered by its own renderer; with @node, its render nodes as well. */
static GdkTexture *
window_texture (GtkWindow      *window,
                GskRenderNode **node)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) root = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  root = gtk_snapshot_free_to_node (snapshot);
  if (root == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), root,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (node != NULL)
    *node = g_steal_pointer (&root);

  return texture;
}

/* With GF_BENCH_SHOT_DIR set, saves what the window shows, to check what was measured. */
static void
save_shot (GtkWindow  *window,
           const char *name)
{
  const char *dir = g_getenv ("GF_BENCH_SHOT_DIR");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *node_path = NULL;

  if (dir == NULL)
    return;

  texture = window_texture (window, &node);
  if (texture == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_printerr ("(saved %s)\n", path);
  /* The render nodes as well, to see what the renderer was given. */
  node_path = g_strconcat (path, ".node", NULL);
  gsk_render_node_write_to_file (node, node_path, NULL);
}

static char *
renderer_name (GtkWindow *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  return g_strdup (renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
}

static GtkWindow *
new_window (const char *renderer)
{
  GtkWindow *window;

  /* GSK reads GSK_RENDERER when a window gets its renderer. */
  g_setenv ("GSK_RENDERER", renderer, TRUE);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_resizable (window, FALSE);
  gtk_window_present (window);
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  return window;
}

/* Puts @child into @window, shows it at the start of the pans, and measures them (after a
 * first pass that renders the tiles, when there are tiles). */
static double
measure_pans (Bench        *bench,
              const char   *what,
              GtkWindow    *window,
              GtkWidget    *child,
              ShumateMap   *map,
              GfTileSource *source,
              double        lat,
              double        lon,
              double        zoom,
              double       *move_med)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autofree char *renderer = NULL;
  double med;

  if (gtk_widget_get_parent (child) != GTK_WIDGET (window))
    {
      GtkWidget *parent = gtk_widget_get_parent (child);

      g_object_ref (child);
      if (parent != NULL)
        gtk_window_set_child (GTK_WINDOW (parent), NULL);
      gtk_window_set_child (window, child);
      g_object_unref (child);
    }
  while (!gtk_widget_get_mapped (child))
    g_main_context_iteration (NULL, TRUE);

  watch_frames (bench, window);
  renderer = renderer_name (window);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wait_frames (bench, 2000, 40);
  if (source != NULL)
    {
      wait_tiles (source, 100);
      g_printerr ("(%s, %s: rendering the tiles)\n", what, renderer);
      run_moves (bench, move_map, map, source, FALSE);
    }
  g_printerr ("(%s, %s: measuring)\n", what, renderer);
  run_moves (bench, move_map, map, source, TRUE);
  summarize (what, renderer, bench, &med);
  {
    g_autofree char *shot = g_strconcat (what, ".png", NULL);

    save_shot (window, shot);
  }
  *move_med = median ((double *) bench->moves->data, bench->moves->len);
  unwatch_frames (bench);

  return med;
}

/* The floor: what any pan of a raster map costs this renderer */

static void
move_picture (gpointer target,
              double   dx,
              double   dy)
{
  GtkWidget *picture = target;
  GtkFixed *fixed = GTK_FIXED (gtk_widget_get_parent (picture));
  double x, y;

  /* The content moves against the view. */
  gtk_fixed_get_child_position (fixed, picture, &x, &y);
  gtk_fixed_move (fixed, picture, x - dx, y - dy);
}

/* Pans one window-sized texture, the map as it first showed, by the same moves: a map that
 * draws finished images can do no better than that on this renderer. */
static double
measure_floor (Bench      *bench,
               GtkWindow  *window,
               GdkTexture *texture)
{
  GtkWidget *fixed = gtk_fixed_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  g_autofree char *renderer = renderer_name (window);
  double *pans;
  double med;

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_size_request (picture, WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_fixed_put (GTK_FIXED (fixed), picture, 0, 0);
  gtk_window_set_child (window, fixed);
  while (!gtk_widget_get_mapped (picture))
    g_main_context_iteration (NULL, TRUE);

  watch_frames (bench, window);
  wait_frames (bench, 2000, 40);
  g_printerr ("(floor, %s: measuring)\n", renderer);
  run_moves (bench, move_picture, picture, NULL, TRUE);
  unwatch_frames (bench);
  pans = (double *) bench->pan_frames->data;
  med = median (pans, bench->pan_frames->len);
  g_print ("# floor (%s): one window-sized texture, the map as it opened, panned by the same "
           "moves: %u frames; CPU of the frames of a move: median %.2f ms, p90 %.2f ms\n",
           renderer, bench->frames->len, med, percentile (pans, bench->pan_frames->len, 0.9));
  gtk_window_set_child (window, NULL);

  return med;
}

/* Zoom re-render */

typedef struct
{
  double last_zero;
  guint  n_requested;
} PendingWatch;

static void
n_pending_changed_cb (GfTileSource *source,
                      GParamSpec   *pspec,
                      PendingWatch *watch)
{
  if (gf_tile_source_get_n_pending (source) == 0)
    watch->last_zero = now_ms ();
  else
    watch->n_requested++;
}

static double
zoom_step (Bench        *bench,
           ShumateMap   *map,
           GfTileSource *source,
           double        zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  PendingWatch watch = { 0 };
  gulong id = g_signal_connect (source, "notify::n-pending", G_CALLBACK (n_pending_changed_cb),
                                &watch);
  guint rendered_before, rendered_after;
  double start;

  gf_tile_source_get_stats (source, &rendered_before, NULL, NULL);
  start = now_ms ();
  shumate_viewport_set_zoom_level (viewport, zoom);
  /* The layer asks for its new tiles at once; the renders run in workers. Settled when
   * nothing was asked for during 150 ms after the last render returned. */
  wait_tiles (source, 150);
  g_signal_handler_disconnect (source, id);
  gf_tile_source_get_stats (source, &rendered_after, NULL, NULL);

  if (watch.last_zero == 0)
    watch.last_zero = start;
  g_print ("# zoom %.0f → %.0f: %u tiles rendered in workers, all in after %.0f ms\n",
           zoom - 1, zoom, rendered_after - rendered_before, watch.last_zero - start);

  return watch.last_zero - start;
}

/* Markers */

static GdkTexture *
dot_texture (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_arc (cr, 4, 4, 3.5, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.84, 0.37, 0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * 8);
  cairo_surface_destroy (surface);

  return gdk_memory_texture_new (8, 8, GDK_MEMORY_DEFAULT, bytes, 32);
}

/* Least squares of t = a·n² + b·n through the measured points. */
static void
fit_quadratic (const double *n,
               const double *t,
               guint         count,
               double       *a,
               double       *b)
{
  double s4 = 0, s3 = 0, s2 = 0, t2 = 0, t1 = 0, det;

  for (guint i = 0; i < count; i++)
    {
      s4 += pow (n[i], 4);
      s3 += pow (n[i], 3);
      s2 += n[i] * n[i];
      t2 += t[i] * n[i] * n[i];
      t1 += t[i] * n[i];
    }
  det = s4 * s2 - s3 * s3;
  *a = (t2 * s2 - s3 * t1) / det;
  *b = (s4 * t1 - s3 * t2) / det;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GfMapData) data = NULL;
  g_autoptr(GfMapStyle) style = NULL;
  g_autoptr(GdkTexture) dot = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *budget_env = g_getenv ("GF_BENCH_MARKER_BUDGET");
  double marker_budget_ms = (budget_env != NULL ? g_ascii_strtod (budget_env, NULL) : 180) * 1e3;
  Bench bench = { 0 };
  GtkWindow *window = NULL;
  GfMapView *view;
  ShumateMap *map;
  GfTileSource *source;
  GfMapRect bounds;
  double start_lat, start_lon, start_zoom;
  double move_layers, move_markers;
  double load_ms, load_cpu_ms, frame_layers, frame_floor, frame_markers, load_markers, zoom_ms,
         pick_ms;
  g_autoptr(GdkTexture) opening = NULL;
  double samples[5], cpu_samples[5];
  g_autofree char *renderer = NULL;
  gboolean extrapolated = FALSE;
  guint n_markers;
  const char *villages_env = g_getenv ("GF_BENCH_VILLAGES");
  gboolean image_markers = g_strcmp0 (g_getenv ("GF_BENCH_MARKER"), "image") == 0;
  int nx = (villages_env != NULL ? atoi (villages_env) : 20000) / NY;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-map needs a display: ../shared/tools/headless ninja -C _build "
                  "bench-map\n");
      return 1;
    }

  nx = MAX (10, nx - nx % 10);

  /* The district */
  dir = g_dir_make_tmp ("gf-bench-map-XXXXXX", &error);
  check (dir != NULL, error);
  path = g_build_filename (dir, "bench.sqlite", NULL);
  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  check (db != NULL, error);
  {
    double t0 = now_ms ();

    gf_bench_create_province (db, nx);
    g_printerr ("(%d villages written in %.1f s)\n", nx * NY, (now_ms () - t0) / 1e3);
  }

  for (guint r = 0; r < G_N_ELEMENTS (samples); r++)
    {
      double c0 = cpu_ms (), t0 = now_ms ();

      g_clear_pointer (&data, gf_map_data_unref);
      data = gf_map_data_load (db, 0, &error);
      check (data != NULL, error);
      samples[r] = now_ms () - t0;
      cpu_samples[r] = cpu_ms () - c0;
    }
  g_assert (gf_map_data_get_n_villages (data) == (guint) (nx * NY));
  load_ms = median (samples, G_N_ELEMENTS (samples));
  load_cpu_ms = median (cpu_samples, G_N_ELEMENTS (cpu_samples));
  g_print ("# load: %u villages, %u clusters, %u sites; median of 5: %.1f ms wall, "
           "%.1f ms CPU\n", gf_map_data_get_n_villages (data), gf_map_data_get_n_clusters (data),
           gf_map_data_get_n_sites (data), load_ms, load_cpu_ms);

  /* Pick: each call timed alone, at random points of the district. */
  {
    const int n = 20000;
    g_autofree double *times = g_new (double, n);
    double tolerance = 7 / gf_map_world_size (PICK_ZOOM);
    guint hits = 0;

    bounds = gf_map_data_get_bounds (data);
    for (int k = 0; k < n; k++)
      {
        GfMapHit hit;
        struct timespec a, b;
        double x = bounds.x0 + (0.5 + 0.5 * gf_bench_noise (k * 3 + 11)) * (bounds.x1 - bounds.x0);
        double y = bounds.y0 + (0.5 + 0.5 * gf_bench_noise (k * 3 + 12)) * (bounds.y1 - bounds.y0);

        clock_gettime (CLOCK_MONOTONIC, &a);
        hits += gf_map_data_pick (data, x, y, tolerance, GF_MAP_LAYER_ALL, &hit);
        clock_gettime (CLOCK_MONOTONIC, &b);
        times[k] = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
      }
    g_assert (hits > (guint) n / 2);
    pick_ms = median (times, n);
    g_print ("# pick: %d random points, %u hits; median %.4f ms, p99 %.4f ms\n", n, hits,
             pick_ms, percentile (times, n, 0.99));
  }

  style = gf_map_style_new_by_cluster (data);

  /* The map view, in a window. GTK's default renderer (GL; llvmpipe under Xvfb) unless
   * GF_BENCH_RENDERER names another: the headless wrapper asks for cairo, which sends every
   * tile texture through an X image on each frame. */
  renderer = g_strdup (g_getenv ("GF_BENCH_RENDERER") != NULL ? g_getenv ("GF_BENCH_RENDERER")
                                                              : "gl");
  if (g_strcmp0 (g_getenv ("GDK_DEBUG"), "gl-disable") == 0)
    g_unsetenv ("GDK_DEBUG");
  gtk_init ();
  adw_init ();
  bench.frames = g_array_new (FALSE, FALSE, sizeof (double));
  bench.main_frames = g_array_new (FALSE, FALSE, sizeof (double));
  bench.moves = g_array_new (FALSE, FALSE, sizeof (double));
  bench.pan_frames = g_array_new (FALSE, FALSE, sizeof (double));
  window = new_window (renderer);
  view = g_object_ref_sink (gf_map_view_new ());
  gf_map_view_set_content (view, data, style, GF_MAP_LAYER_ALL);
  gtk_window_set_child (window, GTK_WIDGET (view));
  while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);
  map = gf_map_view_get_map (view);
  source = gf_map_view_get_tile_source (view);
  g_assert (gf_basemap_get_kind (gf_map_view_get_basemap (view)) == GF_BASEMAP_NONE);
  g_assert (gf_basemap_get_n_layers (gf_map_view_get_basemap (view)) == 0);
  spin_for (300);

  /* The pans start from the view the map opens with: the district fitted to the window,
   * every village on screen. */
  gf_map_view_zoom_to_district (view);
  {
    ShumateViewport *viewport = shumate_map_get_viewport (map);

    start_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    start_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    start_zoom = shumate_viewport_get_zoom_level (viewport);
    g_print ("# view: the district fitted to %d×%d: zoom %.2f (tiles of zoom %d)\n",
             WINDOW_WIDTH, WINDOW_HEIGHT, start_zoom, (int) start_zoom);
  }

  frame_layers = measure_pans (&bench, "frame_layers", window, GTK_WIDGET (view), map, source,
                               start_lat, start_lon, start_zoom, &move_layers);
  /* The pans end where they began. */
  opening = window_texture (window, NULL);
  {
    guint n_rendered;
    double mean, max;

    gf_tile_source_get_stats (source, &n_rendered, &mean, &max);
    g_print ("# tiles: %u rendered in workers so far, %.1f ms mean, %.1f ms max (wall, "
             "threads sharing the cores)\n", n_rendered, mean, max);
  }

  /* Zoom steps from the overview, as the zoom-in button takes them, each to a zoom level not
   * drawn before. */
  {
    ShumateViewport *viewport = shumate_map_get_viewport (map);
    double steps[3];

    shumate_viewport_set_zoom_level (viewport, start_zoom);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), start_lat, start_lon);
    watch_frames (&bench, window);
    wait_frames (&bench, 2000, 40);
    wait_tiles (source, 100);
    for (int k = 0; k < 3; k++)
      steps[k] = zoom_step (&bench, map, source, floor (start_zoom + 1e-6) + 1 + k);
    unwatch_frames (&bench);
    zoom_ms = median (steps, 3);
  }

  /* The same villages as marker widgets, in the same window */
  gtk_window_set_child (window, NULL);
  g_clear_object (&view);
  map = NULL;
  source = NULL;
  frame_floor = measure_floor (&bench, window, opening);

  g_printerr ("(adding markers)\n");
  {
    g_autoptr(ShumateMapSource) reference = gf_null_source_new ();
    ShumateMap *marker_map = g_object_ref_sink (shumate_map_new ());
    ShumateViewport *viewport = shumate_map_get_viewport (marker_map);
    ShumateMarkerLayer *layer;
    double batch_n[64] = { 0 }, batch_t[64] = { 0 };
    guint n_batches = 0;
    double t0, a = 0, b = 0;
    guint total = gf_map_data_get_n_villages (data);

    shumate_viewport_set_reference_map_source (viewport, reference);
    shumate_viewport_set_min_zoom_level (viewport, 3);
    shumate_viewport_set_max_zoom_level (viewport, 18);
    shumate_map_set_animate_zoom (marker_map, FALSE);
    gtk_window_set_child (window, GTK_WIDGET (marker_map));
    layer = shumate_marker_layer_new (viewport);
    shumate_map_add_layer (marker_map, SHUMATE_LAYER (layer));
    shumate_viewport_set_zoom_level (viewport, start_zoom);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), start_lat, start_lon);
    spin_for (100);

    if (image_markers)
      dot = dot_texture ();
    g_print ("# markers: %s\n", image_markers ? "ShumateMarker with a GtkImage of an 8-px dot"
                                               : "ShumatePoint");
    t0 = now_ms ();
    for (n_markers = 0; n_markers < total; n_markers++)
      {
        const GfMapVillage *village = gf_map_data_get_village (data, n_markers);
        ShumateMarker *marker = image_markers ? shumate_marker_new () : shumate_point_new ();
        double lon, lat;

        if (image_markers)
          {
            GtkWidget *image = gtk_image_new_from_paintable (GDK_PAINTABLE (dot));

            gtk_image_set_pixel_size (GTK_IMAGE (image), 8);
            shumate_marker_set_child (marker, image);
          }
        gf_map_unproject (village->label_x, village->label_y, &lon, &lat);
        shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
        shumate_marker_layer_add_marker (layer, marker);

        if ((n_markers + 1) % MARKER_BATCH == 0)
          {
            batch_n[n_batches] = n_markers + 1;
            batch_t[n_batches] = now_ms () - t0;
            g_printerr ("(%u markers: %.1f s)\n", n_markers + 1, batch_t[n_batches] / 1e3);
            n_batches++;

            if (n_markers + 1 == MARKER_PROBE && n_markers + 1 < total)
              {
                fit_quadratic (batch_n, batch_t, n_batches, &a, &b);
                if (a * total * total + b * total > marker_budget_ms)
                  {
                    n_markers++;
                    extrapolated = TRUE;
                    break;
                  }
              }
          }
      }
    load_markers = now_ms () - t0;
    fit_quadratic (batch_n, batch_t, n_batches, &a, &b);
    g_print ("# load_markers: %u markers added in %.0f ms (%.0f ms for the first 5,000); "
             "least squares t = %.3g·n² %+.3g·n ms\n", n_markers, load_markers,
             n_batches >= 5 ? batch_t[4] : NAN, a, b);

    /* The first frame after the adds lays out every marker. */
    {
      double f0 = now_ms ();

      watch_frames (&bench, window);
      wait_frames (&bench, 2000, 40);
      unwatch_frames (&bench);
      g_print ("# first frames with the markers: %.0f ms\n", now_ms () - f0);
    }

    frame_markers = measure_pans (&bench, "frame_markers", window, GTK_WIDGET (marker_map),
                                  marker_map, NULL, start_lat, start_lon, start_zoom,
                                  &move_markers);

    if (extrapolated)
      {
        double measured_load = load_markers, measured_frame = frame_markers;

        load_markers = a * total * total + b * total;
        frame_markers = measured_frame * total / n_markers;
        g_print ("# markers: measured with %u markers (%.0f ms to add, %.1f ms a frame) and "
                 "extrapolated to %u: adds by the fitted quadratic law, frames linearly\n",
                 n_markers, measured_load, measured_frame, total);
      }
    else
      {
        g_print ("# markers: all %u measured, nothing extrapolated\n", n_markers);
      }

    g_print ("# a whole move, markers ÷ layers: %.1f\n", move_markers / move_layers);
    g_print ("# the highest ratio a raster map could reach here, markers ÷ floor: %.1f\n",
             frame_markers / frame_floor);
    gtk_window_set_child (window, NULL);
    g_object_unref (marker_map);
  }

  g_print ("# method: frame = CPU time of the whole process (the main thread and, with GL, "
           "the rasteriser's threads) from the frame clock's before-paint to its after-paint "
           "(update, layout, snapshot, render) of a %d×%d window, summed over the frames of "
           "each move, median over %d pans of %d px from the district overview, tiles cached by a first pass; "
           "GSK_RENDERER=%s\n", WINDOW_WIDTH, WINDOW_HEIGHT, N_MOVES, PAN_STEP, renderer);
  g_print ("# targets: frame ≤ 12 ms %s, ratio ≥ 30 %s, load ≤ 200 ms %s, "
           "zoom re-render ≤ 300 ms %s, pick ≤ 1 ms %s\n",
           frame_layers <= 12 ? "met" : "MISSED", frame_markers / frame_layers >= 30 ? "met"
                                                                                   : "MISSED",
           load_ms <= 200 ? "met" : "MISSED", zoom_ms <= 300 ? "met" : "MISSED",
           pick_ms <= 1 ? "met" : "MISSED");

  g_print ("load: %.1f ms\n", load_ms);
  g_print ("frame_layers: %.2f ms\n", frame_layers);
  g_print ("load_markers: %.0f ms\n", load_markers);
  g_print ("frame_markers: %.2f ms\n", frame_markers);
  g_print ("ratio: %.1f\n", frame_markers / frame_layers);
  g_print ("zoom_rerender: %.0f ms\n", zoom_ms);
  g_print ("pick: %.4f ms\n", pick_ms);

  gtk_window_destroy (window);
  g_array_unref (bench.frames);
  g_array_unref (bench.main_frames);
  g_array_unref (bench.moves);
  g_array_unref (bench.pan_frames);
  g_clear_object (&db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return 0;
}
