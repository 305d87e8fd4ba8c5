/* test-mbtiles.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBTiles basemap files: opening and validation (good files; wrong format; missing metadata;
 * no tiles; not SQLite; missing), the zoom range and bounds from the metadata or the tiles,
 * the TMS row flip (every tile's bytes spell its own XYZ address "z/x/y", stored at the TMS
 * row), missing tiles, reads from several threads, the deduplicated layout (tiles as a view),
 * WAL files, and that opening writes nothing next to the file.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "gf-mbtiles.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gf-test-mbtiles-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
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
put_metadata (sqlite3    *db,
              const char *name,
              const char *value)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO metadata (name, value) VALUES (?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Stores at the TMS row the bytes "z/x/y" of the tile's XYZ address. */
static void
put_tile (sqlite3 *db,
          int      z,
          int      x,
          int      y)
{
  g_autofree char *bytes = g_strdup_printf ("%d/%d/%d", z, x, y);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
  sqlite3_bind_blob (stmt, 4, bytes, strlen (bytes), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

typedef enum
{
  FILE_GOOD           = 0,
  FILE_NO_NAME        = 1 << 0,
  FILE_NO_FORMAT      = 1 << 1,
  FILE_PBF            = 1 << 2,
  FILE_NO_TILES       = 1 << 3,
  FILE_NO_METADATA    = 1 << 4,
  FILE_FULL_METADATA  = 1 << 5,   /* minzoom, maxzoom and bounds in the metadata */
  FILE_JPEG           = 1 << 6,
  FILE_DEDUPLICATED   = 1 << 7,   /* tiles as a view over map and images */
  FILE_WAL            = 1 << 8,
} FileFlags;

/* An MBTiles file: zoom 1 whole, zoom 2 the north-west quarter and zoom 3 one tile, so that
 * the tiles' box is the north-western quarter of the world at zoom 2 … and the whole world
 * at zoom 1, the lowest level. */
static char *
create_file (Fixture    *fixture,
             const char *name,
             FileFlags   flags)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (flags & FILE_WAL)
    exec (db, "PRAGMA journal_mode = WAL");

  if (!(flags & FILE_NO_METADATA))
    exec (db, "CREATE TABLE metadata (name TEXT, value TEXT)");

  if (flags & FILE_DEDUPLICATED)
    exec (db, "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
              " tile_id TEXT);"
              "CREATE TABLE images (tile_id TEXT PRIMARY KEY, tile_data BLOB);"
              "CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);"
              "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level,"
              " map.tile_column AS tile_column, map.tile_row AS tile_row,"
              " images.tile_data AS tile_data FROM map JOIN images"
              " ON images.tile_id = map.tile_id");
  else
    exec (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
              " tile_row INTEGER, tile_data BLOB);"
              "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");

  if (!(flags & FILE_NO_METADATA))
    {
      if (!(flags & FILE_NO_NAME))
        put_metadata (db, "name", "临安区底图");
      if (!(flags & FILE_NO_FORMAT))
        put_metadata (db, "format", (flags & FILE_PBF) ? "pbf" : (flags & FILE_JPEG) ? "JPEG"
                                                                                      : "png");
      put_metadata (db, "attribution", "© 测试");
      if (flags & FILE_FULL_METADATA)
        {
          put_metadata (db, "minzoom", "1");
          put_metadata (db, "maxzoom", " 3.0 ");
          put_metadata (db, "bounds", "119.0, 29.5,120.0,30.5");
        }
      else
        {
          /* Unusable values count as absent. */
          put_metadata (db, "minzoom", "low");
          put_metadata (db, "bounds", "1,2,3");
        }
    }

  if (!(flags & FILE_NO_TILES))
    {
      if (flags & FILE_DEDUPLICATED)
        {
          exec (db, "INSERT INTO images VALUES ('a', CAST('1/0/0' AS BLOB)),"
                    " ('b', CAST('1/1/0' AS BLOB)), ('c', CAST('2/1/1' AS BLOB))");
          /* 1/0/0 → TMS row 1; 1/1/0 → row 1; 2/1/1 → row 2. */
          exec (db, "INSERT INTO map VALUES (1, 0, 1, 'a'), (1, 1, 1, 'b'), (2, 1, 2, 'c')");
        }
      else
        {
          for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++)
              put_tile (db, 1, x, y);
          for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++)
              put_tile (db, 2, x, y);
          put_tile (db, 3, 5, 1);
        }
    }

  if (flags & FILE_WAL)
    {
      /* Leave the file in WAL mode, with its last writes checkpointed. */
      exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

static void
assert_tile (GfMbtiles *mbtiles,
             int        z,
             int        x,
             int        y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = g_strdup_printf ("%d/%d/%d", z, x, y);
  gsize size;
  const char *data;

  g_assert_true (gf_mbtiles_get_tile (mbtiles, z, x, y, &bytes, &error));
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, size, expected, strlen (expected));
}

static void
assert_no_tile (GfMbtiles *mbtiles,
                int        z,
                int        x,
                int        y)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = GINT_TO_POINTER (1);

  g_assert_false (gf_mbtiles_get_tile (mbtiles, z, x, y, &bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (bytes);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in the folder, sorted and joined. */
static char *
list_dir (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_tms_flip (void)
{
  g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (0, 0), ==, 0);
  g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (1, 0), ==, 1);
  g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (3, 0), ==, 7);
  g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (3, 2), ==, 5);
  g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (14, 6710), ==, 16383 - 6710);
  for (int y = 0; y < 16; y++)
    g_assert_cmpint (gf_mbtiles_xyz_to_tms_row (4, gf_mbtiles_xyz_to_tms_row (4, y)), ==, y);
}

static void
test_good (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "good.mbtiles", FILE_GOOD);
  g_autofree char *before = list_dir (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GfMbtiles) mbtiles = NULL;
  GStatBuf st_before, st_after;
  double west, south, east, north;

  g_assert_cmpint (g_stat (path, &st_before), ==, 0);

  mbtiles = gf_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mbtiles);

  g_assert_cmpstr (gf_mbtiles_get_path (mbtiles), ==, path);
  g_assert_cmpstr (gf_mbtiles_get_name (mbtiles), ==, "临安区底图");
  g_assert_cmpstr (gf_mbtiles_get_format (mbtiles), ==, "png");
  g_assert_cmpstr (gf_mbtiles_get_attribution (mbtiles), ==, "© 测试");
  g_assert_cmpstr (gf_mbtiles_get_metadata (mbtiles, "minzoom"), ==, "low");
  g_assert_null (gf_mbtiles_get_metadata (mbtiles, "description"));

  /* Computed from the tiles: the metadata's values do not parse. */
  g_assert_cmpint (gf_mbtiles_get_min_zoom (mbtiles), ==, 1);
  g_assert_cmpint (gf_mbtiles_get_max_zoom (mbtiles), ==, 3);
  gf_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north);
  g_assert_cmpfloat_with_epsilon (west, -180, 1e-9);
  g_assert_cmpfloat_with_epsilon (east, 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (north, 85.0511287798066, 1e-9);
  g_assert_cmpfloat_with_epsilon (south, -85.0511287798066, 1e-9);

  /* Every tile comes back at its XYZ address: the rows were flipped on the way in and out. */
  for (int x = 0; x < 2; x++)
    for (int y = 0; y < 2; y++)
      {
        assert_tile (mbtiles, 1, x, y);
        assert_tile (mbtiles, 2, x, y);
      }
  assert_tile (mbtiles, 3, 5, 1);
  /* The same place without the flip holds nothing. */
  assert_no_tile (mbtiles, 3, 5, 6);
  assert_no_tile (mbtiles, 2, 3, 3);
  assert_no_tile (mbtiles, 0, 0, 0);
  assert_no_tile (mbtiles, 4, 0, 0);
  /* Outside the world. */
  assert_no_tile (mbtiles, 1, 2, 0);
  assert_no_tile (mbtiles, 1, 0, -1);
  assert_no_tile (mbtiles, -1, 0, 0);
  assert_no_tile (mbtiles, 31, 0, 0);

  g_clear_object (&mbtiles);

  /* Nothing written: no journal, lock or WAL file, the same size and time. */
  after = list_dir (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after, ==, "good.mbtiles");
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_size, ==, st_before.st_size);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
}

static void
test_full_metadata (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "full.mbtiles", FILE_FULL_METADATA | FILE_JPEG);
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);
  double west, south, east, north;

  g_assert_no_error (error);
  g_assert_cmpstr (gf_mbtiles_get_format (mbtiles), ==, "jpg");
  g_assert_cmpint (gf_mbtiles_get_min_zoom (mbtiles), ==, 1);
  g_assert_cmpint (gf_mbtiles_get_max_zoom (mbtiles), ==, 3);
  gf_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north);
  g_assert_cmpfloat (west, ==, 119.0);
  g_assert_cmpfloat (south, ==, 29.5);
  g_assert_cmpfloat (east, ==, 120.0);
  g_assert_cmpfloat (north, ==, 30.5);
  /* Optional outputs. */
  gf_mbtiles_get_bounds (mbtiles, NULL, NULL, NULL, &north);
  g_assert_cmpfloat (north, ==, 30.5);
}

static void
test_deduplicated (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "dedup.mbtiles", FILE_DEDUPLICATED);
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);
  double west, south, east, north;

  g_assert_no_error (error);
  g_assert_cmpint (gf_mbtiles_get_min_zoom (mbtiles), ==, 1);
  g_assert_cmpint (gf_mbtiles_get_max_zoom (mbtiles), ==, 2);
  /* Zoom 1, the northern row only. */
  gf_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north);
  g_assert_cmpfloat_with_epsilon (west, -180, 1e-9);
  g_assert_cmpfloat_with_epsilon (east, 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (north, 85.0511287798066, 1e-9);
  g_assert_cmpfloat_with_epsilon (south, 0, 1e-9);

  assert_tile (mbtiles, 1, 0, 0);
  assert_tile (mbtiles, 1, 1, 0);
  assert_tile (mbtiles, 2, 1, 1);
  assert_no_tile (mbtiles, 1, 0, 1);
}

static void
test_wal (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "wal.mbtiles", FILE_WAL);
  g_autofree char *before = list_dir (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);

  g_assert_no_error (error);
  assert_tile (mbtiles, 3, 5, 1);
  g_clear_object (&mbtiles);

  after = list_dir (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (mbtiles);
  g_assert_error (error, GF_MBTILES_ERROR, code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, basename));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_wrong_format (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = create_file (fixture, "vector.mbtiles", FILE_PBF);
  g_autofree char *before = list_dir (fixture);
  g_autofree char *after = NULL;

  assert_open_fails (path, GF_MBTILES_ERROR_UNSUPPORTED_FORMAT, "pbf");

  after = list_dir (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_other_format (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "tiff.mbtiles", NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
            " tile_data BLOB);"
            "INSERT INTO metadata VALUES ('name', 'x'), ('format', 'tiff');"
            "INSERT INTO tiles VALUES (0, 0, 0, x'00')");
  sqlite3_close (db);

  assert_open_fails (path, GF_MBTILES_ERROR_UNSUPPORTED_FORMAT, "tiff");
}

static void
test_missing_metadata (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *no_name = create_file (fixture, "no-name.mbtiles", FILE_NO_NAME);
  g_autofree char *no_format = create_file (fixture, "no-format.mbtiles", FILE_NO_FORMAT);
  g_autofree char *no_table = create_file (fixture, "no-metadata.mbtiles", FILE_NO_METADATA);

  assert_open_fails (no_name, GF_MBTILES_ERROR_METADATA, "name");
  assert_open_fails (no_format, GF_MBTILES_ERROR_METADATA, "format");
  assert_open_fails (no_table, GF_MBTILES_ERROR_NOT_MBTILES, "metadata");
}

static void
test_no_tiles (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *path = create_file (fixture, "empty.mbtiles", FILE_NO_TILES);
  g_autofree char *with_zoom = create_file (fixture, "empty-full.mbtiles",
                                            FILE_NO_TILES | FILE_FULL_METADATA);

  assert_open_fails (path, GF_MBTILES_ERROR_EMPTY, NULL);
  assert_open_fails (with_zoom, GF_MBTILES_ERROR_EMPTY, NULL);
}

static void
test_not_sqlite (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (fixture->dir, "notes.mbtiles", NULL);
  g_autofree char *zero = g_build_filename (fixture->dir, "zero.mbtiles", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.mbtiles", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "这不是数据库。This is not a database, just text "
                                      "long enough to fill a header of a hundred bytes ......"
                                      "..............................................", -1,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (zero, "", 0, &error));
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE village (id INTEGER PRIMARY KEY)");
  sqlite3_close (db);

  before = list_dir (fixture);
  assert_open_fails (text, GF_MBTILES_ERROR_NOT_MBTILES, "SQLite");
  assert_open_fails (zero, GF_MBTILES_ERROR_NOT_MBTILES, NULL);
  assert_open_fails (other, GF_MBTILES_ERROR_NOT_MBTILES, NULL);
  assert_open_fails (missing, GF_MBTILES_ERROR_OPEN, NULL);
  assert_open_fails (fixture->dir, GF_MBTILES_ERROR_OPEN, NULL);
  after = list_dir (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_odd_name (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "底图 #1?v=2%20.mbtiles", FILE_GOOD);
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);

  g_assert_no_error (error);
  assert_tile (mbtiles, 2, 1, 0);
}

typedef struct
{
  GfMbtiles *mbtiles;
  int        seed;
} ReadJob;

static gpointer
read_tiles (gpointer user_data)
{
  ReadJob *job = user_data;

  for (int i = 0; i < 2000; i++)
    {
      int k = (i * 7 + job->seed) % 9;

      if (k < 4)
        assert_tile (job->mbtiles, 1, k / 2, k % 2);
      else if (k < 8)
        assert_tile (job->mbtiles, 2, (k - 4) / 2, (k - 4) % 2);
      else
        assert_no_tile (job->mbtiles, 3, 0, 0);
    }

  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = create_file (fixture, "threads.mbtiles", FILE_GOOD);
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open (path, &error);
  ReadJob jobs[4];
  GThread *threads[4];

  g_assert_no_error (error);
  for (int t = 0; t < 4; t++)
    {
      jobs[t] = (ReadJob) { mbtiles, t };
      threads[t] = g_thread_new ("read", read_tiles, &jobs[t]);
    }
  for (int t = 0; t < 4; t++)
    g_thread_join (threads[t]);
}

static void
opened_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = create_file (fixture, "async.mbtiles", FILE_GOOD);
  g_autofree char *bad = create_file (fixture, "async-vector.mbtiles", FILE_PBF);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GfMbtiles) mbtiles = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  gf_mbtiles_open_async (good, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  mbtiles = gf_mbtiles_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_mbtiles_get_name (mbtiles), ==, "临安区底图");
  g_clear_object (&result);
  g_clear_object (&mbtiles);

  gf_mbtiles_open_async (bad, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  mbtiles = gf_mbtiles_open_finish (result, &error);
  g_assert_null (mbtiles);
  g_assert_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_UNSUPPORTED_FORMAT);
  g_clear_error (&error);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  gf_mbtiles_open_async (good, cancellable, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  mbtiles = gf_mbtiles_open_finish (result, &error);
  g_assert_null (mbtiles);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/core/mbtiles/tms-flip", test_tms_flip);
  ADD ("/core/mbtiles/good", test_good);
  ADD ("/core/mbtiles/full-metadata", test_full_metadata);
  ADD ("/core/mbtiles/deduplicated", test_deduplicated);
  ADD ("/core/mbtiles/wal", test_wal);
  ADD ("/core/mbtiles/wrong-format", test_wrong_format);
  ADD ("/core/mbtiles/other-format", test_other_format);
  ADD ("/core/mbtiles/missing-metadata", test_missing_metadata);
  ADD ("/core/mbtiles/no-tiles", test_no_tiles);
  ADD ("/core/mbtiles/not-sqlite", test_not_sqlite);
  ADD ("/core/mbtiles/odd-name", test_odd_name);
  ADD ("/core/mbtiles/threads", test_threads);
  ADD ("/core/mbtiles/async", test_async);

#undef ADD

  return g_test_run ();
}
