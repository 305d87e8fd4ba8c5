/* test-cli.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gongfu-atlas-cli from outside, as staff scripts run it: exit statuses, messages and what is
 * left in the database.
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "gf-database.h"
#include "gf-leaderboard.h"
#include "gf-store.h"
#include "gf-test-cli.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gf-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "district.gfdb", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->db, g_free);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
init_sample (Fixture *f)
{
  g_auto(GfCliRun) r = gf_cli_run ("init", "--sample", f->db, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
}

static JsonNode *
summary_json (const char *db)
{
  g_auto(GfCliRun) r = gf_cli_run ("summary", db, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

static gint64
summary_count (JsonNode   *summary,
               const char *name)
{
  JsonObject *counts = json_object_get_object_member (json_node_get_object (summary), "counts");

  g_assert_nonnull (counts);
  g_assert_true (json_object_has_member (counts, name));
  return json_object_get_int_member (counts, name);
}

static gint64
count_in_file (const char *path,
               const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_READ_ONLY, &error);
  gint64 n;

  g_assert_no_error (error);
  n = gf_store_count (db, table, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_cli_init_sample (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) summary = NULL;
  JsonObject *district;
  JsonArray *clusters;

  if (!gf_have_cli ())
    return;

  init_sample (f);
  summary = summary_json (f->db);
  district = json_object_get_object_member (json_node_get_object (summary), "district");
  g_assert_cmpstr (json_object_get_string_member (district, "code"), ==, "339901");
  g_assert_cmpstr (json_object_get_string_member (district, "name"), ==, "示例区");
  g_assert_true (json_object_get_boolean_member (district, "is_sample"));
  g_assert_cmpint (summary_count (summary, "clusters"), ==, 6);
  g_assert_cmpint (summary_count (summary, "villages"), >=, 300);
  g_assert_cmpint (summary_count (summary, "villages"), ==, count_in_file (f->db, "village"));
  g_assert_cmpint (summary_count (summary, "towns"), ==, count_in_file (f->db, "town"));
  clusters = json_object_get_array_member (json_node_get_object (summary), "clusters");
  g_assert_cmpuint (json_array_get_length (clusters), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "year"), ==,
                   json_object_get_int_member (json_node_get_object (summary), "last_year"));

  /* The sample only goes into an empty database; the existing one is left as it was. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("init", "--sample", f->db, NULL);
    g_autoptr(JsonNode) after = NULL;

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "empty database");
    after = summary_json (f->db);
    g_assert_true (json_node_equal (summary, after));
  }
}

static void
test_cli_summary_year (Fixture       *f,
                       gconstpointer  data)
{
  if (!gf_have_cli ())
    return;

  init_sample (f);
  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", f->db, "--year", "2020", NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, "2020");
    assert_contains (r.out, "Year: 2020");
    assert_contains (r.out, "示例区");
    assert_contains (r.out, "Clusters: 6");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", f->db, "--year", "2020", "--json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (
                                                   json_parser_get_root (parser)), "year"),
                     ==, 2020);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", f->db, "--year", "twenty", NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "twenty");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", f->db, "--year", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
}

/* The ranking the command prints is the core's for the current layout and the latest year. */
static void
test_cli_leaderboard (Fixture       *f,
                      gconstpointer  data)
{
  if (!gf_have_cli ())
    return;

  {
    g_autofree char *empty = g_build_filename (f->dir, "empty.gfdb", NULL);
    g_auto(GfCliRun) init = gf_cli_run ("init", empty, NULL);
    g_auto(GfCliRun) r = gf_cli_run ("leaderboard", empty, NULL);

    g_assert_cmpint (init.status, ==, 0);
    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "no cluster layout");
  }

  init_sample (f);
  {
    g_auto(GfCliRun) r = gf_cli_run ("leaderboard", f->db, "--json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GfDatabase) db = NULL;
    g_autoptr(GfLeaderboard) board = NULL;
    g_autoptr(JsonNode) expected = NULL;
    JsonArray *entries;
    gint64 layout = 0;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    g_assert_no_error (error);

    db = gf_database_open (f->db, GF_DATABASE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_true (gf_store_current_layout (db, &layout, &error));
    board = gf_leaderboard_compute (db, layout, 2025, NULL, &error);
    g_assert_no_error (error);
    expected = gf_leaderboard_to_json (board);
    g_assert_true (json_node_equal (json_parser_get_root (parser), expected));

    entries = json_object_get_array_member (json_node_get_object (expected), "entries");
    g_assert_cmpuint (json_array_get_length (entries), ==, 6);
    for (guint i = 1; i < 6; i++)
      {
        JsonObject *above = json_array_get_object_element (entries, i - 1);
        JsonObject *entry = json_array_get_object_element (entries, i);

        g_assert_cmpfloat (json_object_get_double_member (above, "score"), >=,
                           json_object_get_double_member (entry, "score"));
        g_assert_cmpint (json_object_get_int_member (above, "rank"), <=,
                         json_object_get_int_member (entry, "rank"));
      }
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("leaderboard", f->db, "--year", "2024", NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, "Cluster competition 2024\n");
    assert_contains (r.out, "Score: tasks 40 % · activity 20 % · growth of "
                            "村级集体经济经营性收入 25 %");
    assert_contains (r.out, "  1. ");
    assert_contains (r.out, "  6. ");
  }
  {
    g_autofree char *png = g_build_filename (f->dir, "leaderboard.png", NULL);
    g_auto(GfCliRun) r = gf_cli_run ("leaderboard", f->db, "--output", png, "--width", "800",
                                     "--height", "450", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8);
    g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("leaderboard", f->db, "--json", "--output", "x.png", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_cli_import_bad_row (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gint64 n_villages;

  if (!gf_have_cli ())
    return;

  init_sample (f);
  before = summary_json (f->db);
  n_villages = count_in_file (f->db, "village");

  /* Line 2 is a good new village, line 3 has letters for a population. */
  bad = g_build_filename (f->dir, "BAD.csv", NULL);
  g_assert_true (g_file_set_contents (bad,
                                      "code,name,town_code,population\n"
                                      "339901001901,新村,339901001,120\n"
                                      "339901001902,错村,339901001,abc\n", -1, &error));
  {
    g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "villages", bad, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "BAD.csv");
    assert_contains (r.err, "line 3");
    assert_contains (r.err, "population");
    g_assert_null (strstr (r.out, "Imported"));
  }

  after = summary_json (f->db);
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpint (count_in_file (f->db, "village"), ==, n_villages);
  {
    g_autoptr(GfDatabase) db = gf_database_open (f->db, GF_DATABASE_OPEN_READ_ONLY, &error);
    gint64 id = -1;

    g_assert_no_error (error);
    g_assert_true (gf_store_lookup_id (db, "village", "code", "339901001901", &id, &error));
    g_assert_cmpint (id, ==, 0);
  }

  /* A file that is not there. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "nosuchfile.csv", NULL);
    g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "villages", missing, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "nosuchfile.csv");
  }
}

static void
test_cli_unknown_kind (Fixture       *f,
                       gconstpointer  data)
{
  if (!gf_have_cli ())
    return;

  init_sample (f);
  {
    g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "nosuchkind", "f", NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "nosuchkind");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("export", f->db, "nosuchkind", "f", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("frobnicate", f->db, NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "Usage");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run (NULL, NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("--help", NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.err, "import DB KIND FILE");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "towns", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_cli_export_reimport (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) summary = NULL;
  gint64 n_towns;
  gsize length;

  if (!gf_have_cli ())
    return;

  init_sample (f);
  summary = summary_json (f->db);
  n_towns = summary_count (summary, "towns");
  g_assert_cmpint (n_towns, >, 0);

  out = g_build_filename (f->dir, "OUT.csv", NULL);
  {
    g_auto(GfCliRun) r = gf_cli_run ("export", f->db, "towns", out, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
  }
  g_assert_true (g_file_get_contents (out, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "code,name,kind\r\n"));

  /* Back into the same database: every row is an update. */
  imported = g_strdup_printf ("Imported %" G_GINT64_FORMAT " records.", n_towns);
  {
    g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "towns", out, NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, imported);
  }
  g_assert_cmpint (count_in_file (f->db, "town"), ==, n_towns);

  /* And into a new one. */
  fresh = g_build_filename (f->dir, "fresh.gfdb", NULL);
  {
    g_auto(GfCliRun) r = gf_cli_run ("init", fresh, NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("import", fresh, "towns", out, NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, imported);
  }
  {
    g_autoptr(JsonNode) fresh_summary = summary_json (fresh);

    g_assert_cmpint (summary_count (fresh_summary, "towns"), ==, n_towns);
    g_assert_cmpint (summary_count (fresh_summary, "villages"), ==, 0);
  }

  /* Export of a database that does not exist fails and writes nothing. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.gfdb", NULL);
    g_autofree char *out2 = g_build_filename (f->dir, "OUT2.csv", NULL);
    g_auto(GfCliRun) r = gf_cli_run ("export", missing, "towns", out2, NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_false (g_file_test (out2, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_cli_check (Fixture       *f,
                gconstpointer  data)
{
  if (!gf_have_cli ())
    return;

  init_sample (f);
  {
    g_auto(GfCliRun) r = gf_cli_run ("check", f->db, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, !=, "");
  }
}

static void
test_cli_missing_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = NULL;

  if (!gf_have_cli ())
    return;

  missing = g_build_filename (f->dir, "nope.gfdb", NULL);
  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", missing, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "nope.gfdb");
    assert_contains (r.err, "does not exist");
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("check", missing, NULL);

    g_assert_cmpint (r.status, ==, 1);
  }
  /* Reading never creates the file. */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A file that is no database at all. */
  {
    g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;

    g_assert_true (g_file_set_contents (text, "village notes, not a database\n", -1, &error));
    {
      g_auto(GfCliRun) r = gf_cli_run ("summary", text, NULL);

      g_assert_cmpint (r.status, ==, 1);
      assert_contains (r.err, "notes.txt");
    }
    g_assert_true (g_file_get_contents (text, &contents, NULL, &error));
    g_assert_cmpstr (contents, ==, "village notes, not a database\n");
  }
}

static void
test_cli_newer_version (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  if (!gf_have_cli ())
    return;

  {
    g_auto(GfCliRun) r = gf_cli_run ("init", f->db, NULL);

    g_assert_cmpint (r.status, ==, 0);
  }

  /* As a later release of the application would leave it. */
  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, &message), ==,
                   SQLITE_OK);
  g_assert_null (message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);

  {
    g_auto(GfCliRun) r = gf_cli_run ("summary", f->db, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "newer version");
    assert_contains (r.err, "district.gfdb");
  }
  {
    g_autofree char *towns = g_build_filename (f->dir, "towns.csv", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (towns, "code,name\n339901001,翠屏街道\n", -1, &error));
    {
      g_auto(GfCliRun) r = gf_cli_run ("import", f->db, "towns", towns, NULL);

      g_assert_cmpint (r.status, ==, 1);
      assert_contains (r.err, "newer version");
    }
  }

  /* The file was left as the newer version wrote it. */
  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 99);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (handle);
}

/* The width and height in a PNG's header, after checking its signature. */
static void
png_size (const char *path,
          guint32    *width,
          guint32    *height)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = ((guint32) data[16] << 24) | ((guint32) data[17] << 16) | ((guint32) data[18] << 8)
           | data[19];
  *height = ((guint32) data[20] << 24) | ((guint32) data[21] << 16) | ((guint32) data[22] << 8)
            | data[23];
}

/* render-chart and briefing-add with several indicators, villages and map classes. */
static void
test_cli_chart_subjects (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *png = NULL;
  guint32 width = 0, height = 0;

  if (!gf_have_cli ())
    return;

  init_sample (f);
  png = g_build_filename (f->dir, "land.png", NULL);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->db, "--kind", "stacked", "--indicator",
                                     "land_transferred, high_standard_farmland", "--output", png,
                                     "--width", "800", "--height", "450", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    png_size (png, &width, &height);
    g_assert_cmpuint (width, ==, 800);
    g_assert_cmpuint (height, ==, 450);
    g_unlink (png);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->db, "--kind", "line", "--indicator",
                                     "income_per_capita_disposable", "--villages", "芦湾社区,德堰村",
                                     "--output", png, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    png_size (png, &width, &height);
    g_assert_cmpuint (width, ==, 1280);
    g_unlink (png);
  }

  /* Bad input: one sentence, status 1, and no file. */
  {
    static const struct
    {
      const char *args[6];
      const char *message;
    } cases[] = {
      { { "--kind", "bar", "--indicator", "land_transferred,social_capital" },
        "gongfu-atlas-cli: “土地流转面积” is in 亩 but “引进社会资本” is in 万元: one chart "
        "compares indicators of one unit\n" },
      { { "--kind", "line", "--indicator", "land_transferred,paddy_area" },
        "gongfu-atlas-cli: A Line chart shows one indicator: choose a bar or stacked bar chart "
        "to compare several\n" },
      { { "--kind", "bar", "--indicator", "land_transferred,,paddy_area" },
        "gongfu-atlas-cli: --indicator takes one code or several separated by commas, not "
        "“land_transferred,,paddy_area”\n" },
      { { "--kind", "line", "--indicator", "tourism_income", "--villages", "芦湾社区,没有村" },
        "gongfu-atlas-cli: There is no village “没有村”\n" },
      { { "--kind", "line", "--indicator", "tourism_income", "--villages", "芦湾社区,芦湾社区" },
        "gongfu-atlas-cli: The village “芦湾社区” is listed twice\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char * const *a = cases[i].args;
        g_auto(GfCliRun) r = a[4] != NULL
                           ? gf_cli_run ("render-chart", f->db, a[0], a[1], a[2], a[3], a[4], a[5],
                                         "--output", png, NULL)
                           : gf_cli_run ("render-chart", f->db, a[0], a[1], a[2], a[3],
                                         "--output", png, NULL);

        g_assert_cmpint (r.status, ==, 1);
        g_assert_cmpstr (r.err, ==, cases[i].message);
        g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      }
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->db, "--kind", "line", "--indicator",
                                     "tourism_income", "--clusters", "粮仓", "--villages", "芦湾社区",
                                     "--output", png, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "--clusters or --villages, not both");
  }

  /* briefing-add: a stacked slide of villages, and maps with their classes. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->db, "土地汇报", "--chart", "stacked",
                                     "--indicator", "land_transferred,paddy_area", "--villages",
                                     "芦湾社区,德堰村", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->db, "土地汇报", "--map", "--color-by",
                                     "coll_operating_income:2025", "--classify", "equal",
                                     "--classes", "3", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->db, "土地汇报", "--map", "--color-by",
                                     "coll_operating_income:2025", "--classify", "thresholds",
                                     NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-list", f->db, NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, "土地汇报 (3 slides)\n"
                            "  1. 土地流转面积、水田面积 — Stacked bar chart · 2 indicators · "
                            "2 villages · latest year\n");
  }
  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->db, &handle, SQLITE_OPEN_READONLY, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                         "SELECT coalesce (classify, '-'), coalesce (n_classes, 0)"
                                         " FROM briefing_slide s JOIN briefing b"
                                         " ON b.id = s.briefing_id WHERE b.name = '土地汇报'"
                                         " ORDER BY position",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "-");
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "equal");
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "thresholds");
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }

  /* … and its refusals. */
  {
    static const struct
    {
      const char *args[6];
      int         status;
      const char *message;
    } cases[] = {
      { { "--map", "--color-by", "tourism_income:2025", "--classify", "jenks" }, 1,
        "gongfu-atlas-cli: --classify takes quantile, equal or thresholds, not “jenks”\n" },
      { { "--map", "--color-by", "tourism_income:2025", "--classify", "thresholds" }, 1,
        "gongfu-atlas-cli: The indicator “tourism_income” has no benchmark to class the "
        "villages by: choose quantiles or equal intervals\n" },
      { { "--map", "--classify", "equal" }, 1,
        "gongfu-atlas-cli: --classify and --classes class the values of --color-by "
        "INDICATOR:YEAR, and this map is coloured by cluster\n" },
      { { "--map", "--villages", "芦湾社区" }, 1,
        "gongfu-atlas-cli: a map slide takes its indicator from --color-by INDICATOR:YEAR, and "
        "shows the clusters or one of them with --fit\n" },
      { { "--chart", "line", "--indicator", "tourism_income", "--classes", "3" }, 1,
        "gongfu-atlas-cli: --classify and --classes are for map slides\n" },
      { { "--map", "--color-by", "tourism_income:2025", "--classes", "9" }, 2,
        "gongfu-atlas-cli: --classes must be a whole number from 2 to 7, not “9”\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char * const *a = cases[i].args;
        g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->db, "土地汇报", a[0], a[1], a[2], a[3],
                                         a[4], a[5], NULL);

        g_assert_cmpint (r.status, ==, cases[i].status);
        g_assert_cmpstr (r.err, ==, cases[i].message);
      }
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-list", f->db, NULL);

    assert_contains (r.out, "土地汇报 (3 slides)\n");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/cli/init-sample", test_cli_init_sample);
  ADD ("/core/cli/summary-year", test_cli_summary_year);
  ADD ("/core/cli/leaderboard", test_cli_leaderboard);
  ADD ("/core/cli/import-bad-row", test_cli_import_bad_row);
  ADD ("/core/cli/unknown-kind", test_cli_unknown_kind);
  ADD ("/core/cli/export-reimport", test_cli_export_reimport);
  ADD ("/core/cli/check", test_cli_check);
  ADD ("/core/cli/missing-file", test_cli_missing_file);
  ADD ("/core/cli/newer-version", test_cli_newer_version);
  ADD ("/core/cli/chart-subjects", test_cli_chart_subjects);

#undef ADD

  return g_test_run ();
}
