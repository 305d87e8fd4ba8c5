/* test-basemap.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The basemap under the map: nothing and no request while the setting is "none"; an MBTiles
 * file drawn in the map (the right tile at the right place, enlarged past its deepest zoom);
 * bad files explained without a layer; an online service on a local HTTP server; a server
 * that does not answer (a message, the map keeps working); Tianditu's key; the address
 * checks; the preferences that validate a file before storing it. No request leaves this
 * machine: the only servers are on 127.0.0.1.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gf-application.h"
#include "gf-basemap.h"
#include "gf-map-view.h"
#include "gf-mbtiles-source.h"
#include "gf-null-source.h"
#include "gf-preferences-window.h"
#include "gf-test-ui.h"

#define RED    0xE03030
#define GREEN  0x30C030
#define BLUE   0x3050E0
#define YELLOW 0xF0D020
#define GREY   0x808080

static char *tmp_dir;

static gboolean
is_not_loading (gpointer basemap)
{
  return !gf_basemap_get_loading (basemap);
}

static gboolean
has_error (gpointer basemap)
{
  return gf_basemap_get_error (basemap) != NULL;
}

/* Images and files */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
solid_png (guint32 rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *array = g_byte_array_new ();

  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, array), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (array);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert_tile (sqlite3 *db,
             int      z,
             int      x,
             int      y,
             guint32  rgb)
{
  g_autoptr(GBytes) png = solid_png (rgb);
  sqlite3_stmt *stmt;
  gsize size;
  const void *data = g_bytes_get_data (png, &size);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);   /* TMS */
  sqlite3_bind_blob (stmt, 4, data, size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Zoom 0 grey; zoom 1 red, green (north), blue, yellow (south) from west to east. The
 * file stops at zoom 1, so deeper zooms enlarge those four. */
static char *
create_mbtiles (const char *name,
                const char *format)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *metadata = NULL;
  sqlite3 *db;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  metadata = g_strdup_printf ("INSERT INTO metadata VALUES ('name', '测试底图'),"
                              " ('format', '%s'), ('attribution', '<a href=\"x\">© 测试</a>')",
                              format);
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
            " tile_data BLOB);"
            "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  exec (db, metadata);
  insert_tile (db, 0, 0, 0, GREY);
  insert_tile (db, 1, 0, 0, RED);
  insert_tile (db, 1, 1, 0, GREEN);
  insert_tile (db, 1, 0, 1, BLUE);
  insert_tile (db, 1, 1, 1, YELLOW);
  sqlite3_close (db);

  return path;
}

/* Pixels */

static void
read_pixel (GdkTexture *texture,
            int         x,
            int         y,
            guint8      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  const guint8 *p;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) y * width + x) * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
#else
  rgb[0] = p[1];
  rgb[1] = p[2];
  rgb[2] = p[3];
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
  if (node == NULL)
    {
      /* Nothing drawn at all: a transparent texture of the same size. */
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4),
                                                  (gsize) width * height * 4);

      return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, width * 4);
    }

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
pixel_is (GtkWidget *widget,
          guint32    rgb)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  guint8 pixel[3];
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  read_pixel (texture, gtk_widget_get_width (widget) / 2, gtk_widget_get_height (widget) / 2,
              pixel);
  return ABS (pixel[0] - r) <= 3 && ABS (pixel[1] - g) <= 3 && ABS (pixel[2] - b) <= 3;
}

/* A map in a window */

typedef struct
{
  GtkWindow        *window;
  ShumateMap       *map;
  ShumateMapSource *reference;
  GSettings        *settings;
  GfBasemap        *basemap;
} MapFixture;

static void
map_fixture_setup (MapFixture    *fixture,
                   gconstpointer  user_data)
{
  ShumateViewport *viewport;

  fixture->settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_settings_reset (fixture->settings, "basemap-kind");
  g_settings_reset (fixture->settings, "basemap-mbtiles-path");
  g_settings_reset (fixture->settings, "basemap-url-template");
  g_settings_reset (fixture->settings, "tianditu-key");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 300);
  fixture->map = shumate_map_new ();
  fixture->reference = gf_null_source_new ();
  viewport = shumate_map_get_viewport (fixture->map);
  shumate_viewport_set_reference_map_source (viewport, fixture->reference);
  shumate_map_set_animate_zoom (fixture->map, FALSE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->map));
  gtk_window_present (fixture->window);
  gf_test_ui_spin_until (gf_test_ui_is_mapped, fixture->map, 5000, "the map");

  fixture->basemap = gf_basemap_new (fixture->settings);
  gf_basemap_attach (fixture->basemap, fixture->map, NULL);
}

static void
map_fixture_teardown (MapFixture    *fixture,
                      gconstpointer  user_data)
{
  g_clear_object (&fixture->basemap);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->reference);
  g_settings_reset (fixture->settings, "basemap-kind");
  g_settings_reset (fixture->settings, "basemap-mbtiles-path");
  g_settings_reset (fixture->settings, "basemap-url-template");
  g_settings_reset (fixture->settings, "tianditu-key");
  g_clear_object (&fixture->settings);
  gf_test_ui_spin_for (50);
}

static void
go_to (MapFixture *fixture,
       double      lat,
       double      lon,
       double      zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static int
count_layers (ShumateMap *map)
{
  int n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_LAYER (child))
      n++;

  return n;
}

typedef struct
{
  GtkWidget *widget;
  guint32    rgb;
} PixelWait;

static gboolean
pixel_reached (gpointer user_data)
{
  PixelWait *wait = user_data;

  return pixel_is (wait->widget, wait->rgb);
}

static void
wait_for_color (MapFixture *fixture,
                guint32     rgb,
                const char *what)
{
  PixelWait wait = { GTK_WIDGET (fixture->map), rgb };

  gf_test_ui_spin_until (pixel_reached, &wait, 10000, what);
}

/* A local tile server */

typedef struct
{
  GSocketService *service;
  guint16         port;
  int             n_requests;   /* atomic */
  GBytes         *png;
} Server;

static gboolean
server_run_cb (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source_object,
               gpointer                user_data)
{
  Server *server = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autofree char *header = NULL;
  gsize size;
  const void *png = g_bytes_get_data (server->png, &size);

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);

  /* Read the request up to its blank line. */
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (data, NULL, NULL, NULL);

      if (line == NULL || *g_strstrip (line) == '\0')
        break;
    }

  g_atomic_int_inc (&server->n_requests);
  header = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                            size);
  g_output_stream_write_all (out, header, strlen (header), NULL, NULL, NULL);
  g_output_stream_write_all (out, png, size, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static Server *
server_start (guint32 rgb)
{
  g_autoptr(GError) error = NULL;
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  server->png = solid_png (rgb);
  server->service = g_threaded_socket_service_new (4);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "run", G_CALLBACK (server_run_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
server_stop (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->png, g_bytes_unref);
  g_free (server);
}

/* A port nothing listens on: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

/* Tests */

static void
test_none (MapFixture    *fixture,
           gconstpointer  user_data)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "shumate", NULL);
  Server *server = server_start (BLUE);
  g_autofree char *template = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                                               server->port);

  /* An address is stored, but the basemap is off: no layer, no request, no cache. */
  g_settings_set_string (fixture->settings, "basemap-url-template", template);
  gf_test_ui_spin_for (50);
  go_to (fixture, 30, 119, 5);
  gf_test_ui_spin_for (300);

  g_assert_cmpint (gf_basemap_get_kind (fixture->basemap), ==, GF_BASEMAP_NONE);
  g_assert_cmpuint (gf_basemap_get_n_layers (fixture->basemap), ==, 0);
  g_assert_null (gf_basemap_get_layer (fixture->basemap, 0));
  g_assert_null (gf_basemap_get_error (fixture->basemap));
  g_assert_null (gf_basemap_get_description (fixture->basemap));
  g_assert_cmpint (count_layers (fixture->map), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), ==, 0);
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));

  /* Online: requests go out and the tiles show. */
  g_settings_set_string (fixture->settings, "basemap-kind", "online");
  gf_test_ui_spin_for (50);
  g_assert_cmpint (gf_basemap_get_kind (fixture->basemap), ==, GF_BASEMAP_ONLINE);
  g_assert_cmpint (count_layers (fixture->map), ==, 1);
  wait_for_color (fixture, BLUE, "the online tiles");
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), >, 0);
  g_assert_null (gf_basemap_get_error (fixture->basemap));
  g_assert_nonnull (strstr (gf_basemap_get_description (fixture->basemap), "127.0.0.1"));

  /* Off again: the layer goes, and nothing more is asked for. */
  g_settings_set_string (fixture->settings, "basemap-kind", "none");
  gf_test_ui_spin_for (100);
  g_assert_cmpint (count_layers (fixture->map), ==, 0);
  {
    int before = g_atomic_int_get (&server->n_requests);

    go_to (fixture, 10, 20, 6);
    gf_test_ui_spin_for (300);
    g_assert_cmpint (g_atomic_int_get (&server->n_requests), ==, before);
  }

  server_stop (server);
}

static void
test_mbtiles (MapFixture    *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = create_mbtiles ("colours.mbtiles", "png");
  ShumateLayer *layer;

  g_settings_set_string (fixture->settings, "basemap-mbtiles-path", path);
  g_settings_set_string (fixture->settings, "basemap-kind", "mbtiles");
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, fixture->basemap, 5000, "the file to open");

  g_assert_null (gf_basemap_get_error (fixture->basemap));
  g_assert_cmpuint (gf_basemap_get_n_layers (fixture->basemap), ==, 1);
  layer = gf_basemap_get_layer (fixture->basemap, 0);
  g_assert_true (SHUMATE_IS_MAP_LAYER (layer));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (layer)) == GTK_WIDGET (fixture->map));
  g_assert_nonnull (strstr (gf_basemap_get_description (fixture->basemap), "测试底图"));
  g_assert_cmpstr (gf_basemap_get_attribution (fixture->basemap), ==, "© 测试");

  /* Zoom 1 as stored: the TMS rows are flipped into place. */
  go_to (fixture, 45, -90, 1);
  wait_for_color (fixture, RED, "the north-west tile");
  go_to (fixture, -45, 90, 1);
  wait_for_color (fixture, YELLOW, "the south-east tile");
  go_to (fixture, -45, -90, 1);
  wait_for_color (fixture, BLUE, "the south-west tile");
  /* Zoom 0 as stored. */
  go_to (fixture, 30, 30, 0);
  wait_for_color (fixture, GREY, "the zoom-0 tile");
  /* Past the file's deepest zoom: the zoom-1 tile enlarged, the right quarter of it. */
  go_to (fixture, 45, 90, 6);
  wait_for_color (fixture, GREEN, "an enlarged tile");
  go_to (fixture, -30, -120, 9);
  wait_for_color (fixture, BLUE, "another enlarged tile");
}

static void
test_mbtiles_bad (MapFixture    *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *vector = create_mbtiles ("vector.mbtiles", "pbf");
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.mbtiles", NULL);
  g_autofree char *good = create_mbtiles ("good.mbtiles", "png");
  const char *error;

  /* No file yet. */
  g_settings_set_string (fixture->settings, "basemap-kind", "mbtiles");
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, fixture->basemap, 5000, "the file to open");
  g_assert_nonnull (gf_basemap_get_error (fixture->basemap));
  g_assert_cmpint (count_layers (fixture->map), ==, 0);

  /* Vector tiles: said so, no layer, the map works. */
  g_settings_set_string (fixture->settings, "basemap-mbtiles-path", vector);
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, fixture->basemap, 5000, "the file to open");
  error = gf_basemap_get_error (fixture->basemap);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "vector.mbtiles"));
  g_assert_nonnull (strstr (error, "pbf"));
  g_assert_cmpint (count_layers (fixture->map), ==, 0);
  go_to (fixture, 30, 119, 8);
  gf_test_ui_spin_for (50);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (fixture->map)),
                     ==, 8);

  /* A file that went away. */
  g_settings_set_string (fixture->settings, "basemap-mbtiles-path", missing);
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, fixture->basemap, 5000, "the file to open");
  g_assert_nonnull (strstr (gf_basemap_get_error (fixture->basemap), "missing.mbtiles"));

  /* A good one clears the message. */
  g_settings_set_string (fixture->settings, "basemap-mbtiles-path", good);
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, fixture->basemap, 5000, "the file to open");
  g_assert_null (gf_basemap_get_error (fixture->basemap));
  g_assert_cmpint (count_layers (fixture->map), ==, 1);
}

static void
test_unreachable (MapFixture    *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *template = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                                               closed_port ());
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  gint64 start;

  go_to (fixture, 30, 119, 5);
  g_settings_set_string (fixture->settings, "basemap-url-template", template);
  g_settings_set_string (fixture->settings, "basemap-kind", "online");

  start = g_get_monotonic_time ();
  gf_test_ui_spin_until (has_error, fixture->basemap, 10000, "the message about the server");
  g_test_message ("Unreachable server noticed after %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_nonnull (strstr (gf_basemap_get_error (fixture->basemap), "127.0.0.1"));
  /* The layer stays (tiles come once the server answers), and the map still moves. */
  g_assert_cmpint (count_layers (fixture->map), ==, 1);
  go_to (fixture, 31, 120, 6);
  gf_test_ui_spin_for (50);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  31, 1e-9);
}

static void
test_tianditu (void)
{
  g_autoptr(GSettings) settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_autoptr(GfBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  const GfBasemapPreset *presets;
  const GfBasemapPreset *vec = NULL;
  guint n_presets;
  g_autofree char *url = NULL;

  presets = gf_basemap_get_presets (&n_presets);
  g_assert_cmpuint (n_presets, ==, 3);
  g_assert_cmpstr (presets[0].url_template, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  for (guint i = 0; i < n_presets; i++)
    {
      g_assert_true (gf_basemap_check_template (presets[i].url_template, NULL));
      g_assert_true (gf_basemap_find_preset (presets[i].url_template) == &presets[i]);
      if (g_str_equal (presets[i].id, "tianditu-vec"))
        vec = &presets[i];
    }
  g_assert_nonnull (vec);
  g_assert_nonnull (strstr (vec->url_template, "vec_w/wmts"));
  g_assert_nonnull (strstr (vec->label_template, "cva_w/wmts"));
  g_assert_nonnull (strstr (vec->url_template, "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"));
  g_assert_true (gf_basemap_template_needs_key (vec->url_template));
  g_assert_false (gf_basemap_template_needs_key (presets[0].url_template));

  /* The key goes in place of {tk}, escaped. */
  url = gf_basemap_expand_template (vec->url_template, "ab c/d", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (url, "{tk}"));
  g_assert_true (g_str_has_suffix (url, "&tk=ab%20c%2Fd"));
  g_clear_pointer (&url, g_free);
  url = gf_basemap_expand_template (vec->url_template, "", &error);
  g_assert_null (url);
  g_assert_error (error, GF_BASEMAP_ERROR, GF_BASEMAP_ERROR_NO_KEY);
  g_clear_error (&error);

  /* Detached (no request can go out): without a key no layer, with one the tiles and their
   * labels. */
  g_settings_set_string (settings, "basemap-url-template", vec->url_template);
  g_settings_set_string (settings, "tianditu-key", "");
  g_settings_set_string (settings, "basemap-kind", "online");
  basemap = gf_basemap_new (settings);
  g_assert_cmpuint (gf_basemap_get_n_layers (basemap), ==, 0);
  g_assert_nonnull (strstr (gf_basemap_get_error (basemap), "Tianditu"));

  g_settings_set_string (settings, "tianditu-key", "0123456789abcdef");
  gf_test_ui_spin_for (20);
  g_assert_null (gf_basemap_get_error (basemap));
  g_assert_cmpuint (gf_basemap_get_n_layers (basemap), ==, 2);
  g_assert_null (gf_basemap_get_layer (basemap, 0));
  g_assert_cmpstr (gf_basemap_get_attribution (basemap), ==, "© Tianditu");

  g_settings_reset (settings, "basemap-kind");
  g_settings_reset (settings, "basemap-url-template");
  g_settings_reset (settings, "tianditu-key");
}

static void
test_templates (void)
{
  static const struct {
    const char *template;
    gboolean    valid;
  } cases[] = {
    { "https://tile.example.org/{z}/{x}/{y}.png", TRUE },
    { "http://10.0.0.5:8080/tiles/{z}/{x}/{y}.jpg?style=a", TRUE },
    { "HTTPS://tile.example.org/{z}/{x}/{y}", TRUE },
    { "", FALSE },
    { "tile.example.org/{z}/{x}/{y}.png", FALSE },
    { "ftp://tile.example.org/{z}/{x}/{y}.png", FALSE },
    { "file:///tmp/{z}/{x}/{y}.png", FALSE },
    { "https://tile.example.org/{z}/{x}.png", FALSE },
    { "https://tile.example.org/{z}/{x}/{y} .png", FALSE },
    { "https:///{z}/{x}/{y}.png", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (gf_basemap_check_template (cases[i].template, &error), ==,
                       cases[i].valid);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        g_assert_true (error != NULL && error->domain == GF_BASEMAP_ERROR);
    }
}

/* GfMapView puts its basemap behind the feature tiles. */
static void
test_map_view (void)
{
  g_autoptr(GSettings) settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_autofree char *path = create_mbtiles ("view.mbtiles", "png");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GfMapView *view = gf_map_view_new ();
  GfBasemap *basemap = gf_map_view_get_basemap (view);
  ShumateMap *map = gf_map_view_get_map (view);
  GtkWidget *first;

  g_assert_true (GF_IS_BASEMAP (basemap));
  g_assert_cmpint (gf_basemap_get_kind (basemap), ==, GF_BASEMAP_NONE);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  gf_test_ui_spin_until (gf_test_ui_is_mapped, view, 5000, "the map view");
  g_assert_cmpint (count_layers (map), ==, 2);

  g_settings_set_string (settings, "basemap-mbtiles-path", path);
  g_settings_set_string (settings, "basemap-kind", "mbtiles");
  gf_test_ui_spin_for (20);
  gf_test_ui_spin_until (is_not_loading, basemap, 5000, "the file to open");
  g_assert_cmpint (count_layers (map), ==, 3);
  first = gtk_widget_get_first_child (GTK_WIDGET (map));
  while (first != NULL && !SHUMATE_IS_LAYER (first))
    first = gtk_widget_get_next_sibling (first);
  g_assert_true (first == GTK_WIDGET (gf_basemap_get_layer (basemap, 0)));

  g_settings_reset (settings, "basemap-kind");
  g_settings_reset (settings, "basemap-mbtiles-path");
  gf_test_ui_spin_for (20);
  g_assert_cmpint (count_layers (map), ==, 2);
  gtk_window_destroy (window);
  gf_test_ui_spin_for (20);
}

/* Preferences */

typedef struct
{
  gboolean done;
  gboolean valid;
} Checked;

static void
mbtiles_checked_cb (GfPreferencesWindow *window,
                    gboolean             valid,
                    Checked             *checked)
{
  checked->done = TRUE;
  checked->valid = valid;
}

static gboolean
is_checked (gpointer data)
{
  return ((Checked *) data)->done;
}

static void
choose (GfPreferencesWindow *window,
        const char          *path,
        Checked             *checked)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  *checked = (Checked) { 0 };
  gf_preferences_window_choose_mbtiles_file (window, file);
  gf_test_ui_spin_until (is_checked, checked, 5000, "the file check");
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_autofree char *vector = create_mbtiles ("prefs-vector.mbtiles", "pbf");
  g_autofree char *good = create_mbtiles ("prefs-good.mbtiles", "png");
  g_autofree char *kind = NULL;
  g_autofree char *stored = NULL;
  GfPreferencesWindow *window;
  GtkLabel *status;
  GtkWidget *status_row;
  AdwComboRow *service_row;
  AdwEntryRow *url_row;
  GtkLabel *online_status;
  Checked checked;

  g_settings_reset (settings, "basemap-kind");
  g_settings_reset (settings, "basemap-mbtiles-path");
  g_settings_reset (settings, "basemap-url-template");

  window = gf_preferences_window_new (settings);
  g_signal_connect (window, "mbtiles-checked", G_CALLBACK (mbtiles_checked_cb), &checked);
  gtk_window_present (GTK_WINDOW (window));
  gf_test_ui_spin_until (gf_test_ui_is_mapped, window, 5000, "the preferences");

  status = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                     GF_TYPE_PREFERENCES_WINDOW,
                                                     "mbtiles_status_label"));
  status_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                          GF_TYPE_PREFERENCES_WINDOW,
                                                          "mbtiles_status_row"));
  g_assert_false (gtk_widget_get_visible (status_row));

  /* A vector file: explained under the row, nothing stored. */
  choose (window, vector, &checked);
  g_assert_false (checked.valid);
  g_assert_true (gtk_widget_get_visible (status_row));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "pbf"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  stored = g_settings_get_string (settings, "basemap-mbtiles-path");
  kind = g_settings_get_string (settings, "basemap-kind");
  g_assert_cmpstr (stored, ==, "");
  g_assert_cmpstr (kind, ==, "none");
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&kind, g_free);

  /* A good one: stored and chosen. */
  choose (window, good, &checked);
  g_assert_true (checked.valid);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "测试底图"));
  stored = g_settings_get_string (settings, "basemap-mbtiles-path");
  kind = g_settings_get_string (settings, "basemap-kind");
  g_assert_cmpstr (stored, ==, good);
  g_assert_cmpstr (kind, ==, "mbtiles");
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&kind, g_free);

  /* Online: the first service is taken; another one chosen from the list. */
  g_settings_set_string (settings, "basemap-kind", "online");
  gf_test_ui_spin_for (20);
  stored = g_settings_get_string (settings, "basemap-url-template");
  g_assert_cmpstr (stored, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  g_clear_pointer (&stored, g_free);

  service_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              GF_TYPE_PREFERENCES_WINDOW,
                                                              "service_row"));
  url_row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                          GF_TYPE_PREFERENCES_WINDOW,
                                                          "url_row"));
  online_status = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                            GF_TYPE_PREFERENCES_WINDOW,
                                                            "online_status_label"));
  adw_combo_row_set_selected (service_row, 1);
  stored = g_settings_get_string (settings, "basemap-url-template");
  g_assert_nonnull (strstr (stored, "vec_w"));
  g_clear_pointer (&stored, g_free);
  /* Tianditu without a key says so. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (online_status)));
  g_assert_nonnull (strstr (gtk_label_get_text (online_status), "Tianditu"));

  /* A custom address is checked when applied; a wrong one is not stored. */
  adw_combo_row_set_selected (service_row, 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (url_row)));
  gtk_editable_set_text (GTK_EDITABLE (url_row), "tiles.example.org/{z}/{x}/{y}.png");
  g_signal_emit_by_name (url_row, "apply");
  g_assert_nonnull (strstr (gtk_label_get_text (online_status), "http://"));
  stored = g_settings_get_string (settings, "basemap-url-template");
  g_assert_nonnull (strstr (stored, "vec_w"));
  g_clear_pointer (&stored, g_free);

  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://10.1.2.3/tiles/{z}/{x}/{y}.png");
  g_signal_emit_by_name (url_row, "apply");
  stored = g_settings_get_string (settings, "basemap-url-template");
  g_assert_cmpstr (stored, ==, "http://10.1.2.3/tiles/{z}/{x}/{y}.png");
  g_assert_cmpuint (adw_combo_row_get_selected (service_row), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "basemap-kind");
  g_settings_reset (settings, "basemap-mbtiles-path");
  g_settings_reset (settings, "basemap-url-template");
  gf_test_ui_spin_for (20);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("gf-test-basemap-XXXXXX", &error);
  g_assert_no_error (error);
  /* The downloader's cache goes here, and no proxy sits between us and 127.0.0.1. */
  cache = g_build_filename (tmp_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");

  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/basemap/none", MapFixture, NULL, map_fixture_setup, test_none,
              map_fixture_teardown);
  g_test_add ("/ui/basemap/mbtiles", MapFixture, NULL, map_fixture_setup, test_mbtiles,
              map_fixture_teardown);
  g_test_add ("/ui/basemap/mbtiles-bad", MapFixture, NULL, map_fixture_setup, test_mbtiles_bad,
              map_fixture_teardown);
  g_test_add ("/ui/basemap/unreachable", MapFixture, NULL, map_fixture_setup, test_unreachable,
              map_fixture_teardown);
  g_test_add_func ("/ui/basemap/tianditu", test_tianditu);
  g_test_add_func ("/ui/basemap/templates", test_templates);
  g_test_add_func ("/ui/basemap/map-view", test_map_view);
  g_test_add_func ("/ui/basemap/preferences", test_preferences);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
