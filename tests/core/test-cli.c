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
#include "gf-store.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

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

static gboolean
have_cli (void)
{
  const char *cli = g_getenv ("GF_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("GF_CLI does not name the built gongfu-atlas-cli");
      return FALSE;
    }

  return TRUE;
}

/* Runs the CLI with the arguments up to NULL and returns its exit status and output. */
G_GNUC_NULL_TERMINATED static Result
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_autoptr(GString) line = g_string_new ("$ gongfu-atlas-cli");
  Result r = { 0 };
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("GF_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    {
      g_ptr_array_add (argv, (char *) a);
      g_string_append_printf (line, " %s", a);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_test_message ("%s", line->str);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &exit_error))
    r.status = 0;
  else if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
    r.status = exit_error->code;
  else
    g_error ("gongfu-atlas-cli did not exit normally: %s\n%s", exit_error->message, r.err);

  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r.status, r.out, r.err);
  return r;
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
  g_auto(Result) r = run_cli ("init", "--sample", f->db, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
}

static JsonNode *
summary_json (const char *db)
{
  g_auto(Result) r = run_cli ("summary", db, "--json", NULL);
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

  if (!have_cli ())
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
    g_auto(Result) r = run_cli ("init", "--sample", f->db, NULL);
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
  if (!have_cli ())
    return;

  init_sample (f);
  {
    g_auto(Result) r = run_cli ("summary", f->db, "--year", "2020", NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, "2020");
    assert_contains (r.out, "Year: 2020");
    assert_contains (r.out, "示例区");
    assert_contains (r.out, "Clusters: 6");
  }
  {
    g_auto(Result) r = run_cli ("summary", f->db, "--year", "2020", "--json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (
                                                   json_parser_get_root (parser)), "year"),
                     ==, 2020);
  }
  {
    g_auto(Result) r = run_cli ("summary", f->db, "--year", "twenty", NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "twenty");
  }
  {
    g_auto(Result) r = run_cli ("summary", f->db, "--year", NULL);

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

  if (!have_cli ())
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
    g_auto(Result) r = run_cli ("import", f->db, "villages", bad, NULL);

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
    g_auto(Result) r = run_cli ("import", f->db, "villages", missing, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "nosuchfile.csv");
  }
}

static void
test_cli_unknown_kind (Fixture       *f,
                       gconstpointer  data)
{
  if (!have_cli ())
    return;

  init_sample (f);
  {
    g_auto(Result) r = run_cli ("import", f->db, "nosuchkind", "f", NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "nosuchkind");
  }
  {
    g_auto(Result) r = run_cli ("export", f->db, "nosuchkind", "f", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Result) r = run_cli ("frobnicate", f->db, NULL);

    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "Usage");
  }
  {
    g_auto(Result) r = run_cli (NULL, NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Result) r = run_cli ("--help", NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.err, "import DB KIND FILE");
  }
  {
    g_auto(Result) r = run_cli ("import", f->db, "towns", NULL);

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

  if (!have_cli ())
    return;

  init_sample (f);
  summary = summary_json (f->db);
  n_towns = summary_count (summary, "towns");
  g_assert_cmpint (n_towns, >, 0);

  out = g_build_filename (f->dir, "OUT.csv", NULL);
  {
    g_auto(Result) r = run_cli ("export", f->db, "towns", out, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
  }
  g_assert_true (g_file_get_contents (out, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "code,name,kind\r\n"));

  /* Back into the same database: every row is an update. */
  imported = g_strdup_printf ("Imported %" G_GINT64_FORMAT " records.", n_towns);
  {
    g_auto(Result) r = run_cli ("import", f->db, "towns", out, NULL);

    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, imported);
  }
  g_assert_cmpint (count_in_file (f->db, "town"), ==, n_towns);

  /* And into a new one. */
  fresh = g_build_filename (f->dir, "fresh.gfdb", NULL);
  {
    g_auto(Result) r = run_cli ("init", fresh, NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run_cli ("import", fresh, "towns", out, NULL);

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
    g_auto(Result) r = run_cli ("export", missing, "towns", out2, NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_false (g_file_test (out2, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_cli_check (Fixture       *f,
                gconstpointer  data)
{
  if (!have_cli ())
    return;

  init_sample (f);
  {
    g_auto(Result) r = run_cli ("check", f->db, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, !=, "");
  }
}

static void
test_cli_missing_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = NULL;

  if (!have_cli ())
    return;

  missing = g_build_filename (f->dir, "nope.gfdb", NULL);
  {
    g_auto(Result) r = run_cli ("summary", missing, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "nope.gfdb");
    assert_contains (r.err, "does not exist");
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(Result) r = run_cli ("check", missing, NULL);

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
      g_auto(Result) r = run_cli ("summary", text, NULL);

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

  if (!have_cli ())
    return;

  {
    g_auto(Result) r = run_cli ("init", f->db, NULL);

    g_assert_cmpint (r.status, ==, 0);
  }

  /* As a later release of the application would leave it. */
  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, &message), ==,
                   SQLITE_OK);
  g_assert_null (message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);

  {
    g_auto(Result) r = run_cli ("summary", f->db, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "newer version");
    assert_contains (r.err, "district.gfdb");
  }
  {
    g_autofree char *towns = g_build_filename (f->dir, "towns.csv", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (towns, "code,name\n339901001,翠屏街道\n", -1, &error));
    {
      g_auto(Result) r = run_cli ("import", f->db, "towns", towns, NULL);

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/cli/init-sample", test_cli_init_sample);
  ADD ("/core/cli/summary-year", test_cli_summary_year);
  ADD ("/core/cli/import-bad-row", test_cli_import_bad_row);
  ADD ("/core/cli/unknown-kind", test_cli_unknown_kind);
  ADD ("/core/cli/export-reimport", test_cli_export_reimport);
  ADD ("/core/cli/check", test_cli_check);
  ADD ("/core/cli/missing-file", test_cli_missing_file);
  ADD ("/core/cli/newer-version", test_cli_newer_version);

#undef ADD

  return g_test_run ();
}
