/* test-export.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "gf-csv.h"
#include "gf-export.h"
#include "gf-sample.h"
#include "gf-store.h"
#include "gf-summary.h"
#include "gf-test-core.h"

#define BOM "\xEF\xBB\xBF"

/* The order in which a district's files import: every reference before its use. */
static const GfImportKind import_order[] = {
  GF_IMPORT_DISTRICT, GF_IMPORT_TOWNS, GF_IMPORT_VILLAGES, GF_IMPORT_BOUNDARIES,
  GF_IMPORT_CLUSTERS, GF_IMPORT_CLUSTER_MEMBERS, GF_IMPORT_ALLIANCES, GF_IMPORT_ORGANIZATIONS,
  GF_IMPORT_ORGANIZATION_OWNERS, GF_IMPORT_ALLIANCE_MEMBERS, GF_IMPORT_SITES, GF_IMPORT_ROUTES,
  GF_IMPORT_OBSERVATIONS, GF_IMPORT_TASKS, GF_IMPORT_ACTIVITIES, GF_IMPORT_FINANCE,
  GF_IMPORT_TALENTS, GF_IMPORT_SCORE_RULES,
};

/* Every table of records; source and audit_log describe the imports themselves. */
static const char * const record_tables[] = {
  "district", "town", "village", "layout", "cluster", "cluster_member", "alliance",
  "organization", "organization_owner", "alliance_member", "site", "route", "indicator",
  "observation", "task", "activity", "finance", "talent", "score_rule",
};

typedef struct
{
  char       *dir;
  char       *path;
  GfDatabase *db;
} TempDatabase;

static void
temp_database_open (TempDatabase *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("gf-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "district.gfdb", NULL);
  t->db = gf_database_open (t->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->db);
}

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

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
temp_database_close (TempDatabase *t)
{
  g_clear_object (&t->db);
  remove_tree (t->dir);
  g_assert_false (g_file_test (t->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->path, g_free);
}

static gint64
count_rows (GfDatabase *db,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gf_store_count (db, table, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);
  return n;
}

static gboolean
is_geojson_kind (GfImportKind kind)
{
  return kind == GF_IMPORT_BOUNDARIES || kind == GF_IMPORT_ROUTES;
}

static JsonNode *
parse_json (const char *text,
            gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The summary as compact JSON text, without the one field a copy must differ in. */
static char *
summary_json (GfDatabase *db,
              int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = gf_summary_compute (db, year, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *district;

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  root = gf_summary_to_json (summary);
  district = json_object_get_object_member (json_node_get_object (root), "district");
  g_assert_true (json_object_has_member (district, "is_sample"));
  json_object_remove_member (district, "is_sample");
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* What an export of each kind writes, for the sample district. */
static gint64
expected_records (GfDatabase   *db,
                  GfImportKind  kind,
                  GBytes       *bytes)
{
  const char *data;
  gsize size;

  switch (kind)
    {
    case GF_IMPORT_BOUNDARIES:
    case GF_IMPORT_ROUTES:
      {
        g_autoptr(JsonNode) root = NULL;

        data = g_bytes_get_data (bytes, &size);
        root = parse_json (data, (gssize) size);
        return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                   "features"));
      }
    case GF_IMPORT_OBSERVATIONS:
      return count_rows (db, "observation");
    default:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GfCsv) csv = gf_csv_parse (bytes, "export.csv", &error);

        g_assert_no_error (error);
        return gf_csv_get_n_rows (csv) - 1;
      }
    }
}

static void
test_export_roundtrip (void)
{
  TempDatabase original = { 0 };
  TempDatabase copy = { 0 };
  g_autoptr(GError) error = NULL;
  int first_year = 0, last_year = 0;

  temp_database_open (&original);
  temp_database_open (&copy);
  g_assert_true (gf_sample_load (original.db, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (original.db, "village"), >=, 300);

  for (guint i = 0; i < G_N_ELEMENTS (import_order); i++)
    {
      GfImportKind kind = import_order[i];
      g_autoptr(GBytes) bytes = gf_export_bytes (original.db, kind, NULL, &error);
      g_autoptr(GBytes) again = NULL;
      g_autofree char *name = NULL;
      const char *data;
      gsize size;
      guint n = 0;

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 3);
      name = g_strconcat (gf_import_kind_to_string (kind),
                          is_geojson_kind (kind) ? ".geojson" : ".csv", NULL);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", name, size);

      if (is_geojson_kind (kind))
        g_assert_true (data[0] == '{');
      else
        g_assert_true (memcmp (data, BOM, 3) == 0);

      /* Every kind of the sample has records, and each one is written. */
      g_assert_cmpint (expected_records (original.db, kind, bytes), >, 0);

      g_assert_true (gf_import_bytes (copy.db, kind, bytes, name, GF_IMPORT_FLAGS_NONE, &n, NULL,
                                      NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, expected_records (original.db, kind, bytes));

      /* The copy writes the very same file. */
      again = gf_export_bytes (copy.db, kind, NULL, &error);
      g_assert_no_error (error);
      if (!g_bytes_equal (bytes, again))
        g_error ("%s: the export of the re-imported copy differs from the original's", name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (record_tables); i++)
    {
      g_test_message ("%s: %" G_GINT64_FORMAT, record_tables[i],
                      count_rows (original.db, record_tables[i]));
      g_assert_cmpint (count_rows (copy.db, record_tables[i]), ==,
                       count_rows (original.db, record_tables[i]));
    }

  /* The same summary for every year with data: the aggregates lost nothing. */
  g_assert_true (gf_store_year_range (original.db, &first_year, &last_year, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_year, >, 0);
  g_assert_cmpint (last_year, >=, first_year);
  for (int year = first_year; year <= last_year; year++)
    {
      g_autofree char *expected = summary_json (original.db, year);
      g_autofree char *actual = summary_json (copy.db, year);

      g_assert_cmpstr (actual, ==, expected);
    }
  {
    g_autofree char *expected = summary_json (original.db, 0);
    g_autofree char *actual = summary_json (copy.db, 0);

    g_assert_cmpstr (actual, ==, expected);
  }

  /* Only the original is the sample. */
  {
    GfDistrictRecord a, b;

    g_assert_true (gf_store_get_district (original.db, &a, &error));
    g_assert_true (gf_store_get_district (copy.db, &b, &error));
    g_assert_true (a.is_sample);
    g_assert_false (b.is_sample);
    g_assert_cmpstr (a.code, ==, b.code);
    g_free (a.code);
    g_free (a.name);
    g_free (b.code);
    g_free (b.name);
  }

  temp_database_close (&original);
  temp_database_close (&copy);
}

static char *
export_text (GfDatabase   *db,
             GfImportKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gf_export_bytes (db, kind, NULL, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

static void
test_export_exact (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_autofree char *towns = NULL;
  g_autofree char *villages = NULL;
  g_autofree char *clusters = NULL;
  g_autofree char *observations = NULL;
  g_autofree char *members = NULL;
  g_autoptr(GBytes) observation_bytes = NULL;
  g_autoptr(GfCsv) csv = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  const GfCsvRow *header, *row;
  guint n_parts = 0;

  g_assert_no_error (error);

  /* An empty database writes the header alone. */
  towns = export_text (db, GF_IMPORT_TOWNS);
  g_assert_cmpstr (towns, ==, BOM "code,name,kind\r\n");
  g_clear_pointer (&towns, g_free);
  {
    g_autofree char *boundaries = export_text (db, GF_IMPORT_BOUNDARIES);
    g_autoptr(JsonNode) root = parse_json (boundaries, -1);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "FeatureCollection");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "features")),
                      ==, 0);
  }

  gf_test_import_text (db, GF_IMPORT_DISTRICT, "code,name\n339901,示例区\n");
  gf_test_import_text (db, GF_IMPORT_TOWNS, "code,name\n339901001,翠屏街道\n339901101,雪岭镇\n");
  gf_test_import_text (db, GF_IMPORT_VILLAGES,
                       "code,name,town_code,lon,lat,population,area_km2\n"
                       "339901001001,\"芦湾,社区\",339901001,119.705,29.805,3398,4.12\n"
                       "339901101201,\"上溪\"\"村\"\"\",339901101,,,,\n");
  gf_test_import_text (db, GF_IMPORT_CLUSTERS,
                       "name,brand,color,description\n"
                       "源头共富,源头红,#D55E00,\"两行\n说明\"\n");
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS,
                       "layout,cluster,village_code\n现行布局,源头共富,339901101201\n");
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS,
                       "village_code,year,coll_business_income,tourism_income\n"
                       "339901101201,2024,0.1,\n"
                       "339901001001,2023,18.13,1234567.891\n");

  towns = export_text (db, GF_IMPORT_TOWNS);
  g_assert_cmpstr (towns, ==,
                   BOM "code,name,kind\r\n"
                   "339901001,翠屏街道,subdistrict\r\n"
                   "339901101,雪岭镇,town\r\n");

  /* Cells with commas, quotes and line breaks are quoted; empty cells stay empty. */
  villages = export_text (db, GF_IMPORT_VILLAGES);
  g_assert_cmpstr (villages, ==,
                   BOM "code,name,town_code,kind,lon,lat,population,households,area_km2\r\n"
                   "339901001001,\"芦湾,社区\",339901001,community,119.705,29.805,3398,,4.12\r\n"
                   "339901101201,\"上溪\"\"村\"\"\",339901101,village,,,,,\r\n");
  clusters = export_text (db, GF_IMPORT_CLUSTERS);
  g_assert_cmpstr (clusters, ==,
                   BOM "name,brand,industry,color,town_code,description\r\n"
                   "源头共富,源头红,,#D55E00,,\"两行\n说明\"\r\n");
  members = export_text (db, GF_IMPORT_CLUSTER_MEMBERS);
  g_assert_cmpstr (members, ==,
                   BOM "layout,cluster,village_code\r\n现行布局,源头共富,339901101201\r\n");

  /* Observations in the wide form: one row per village and year, ordered by code, with every
   * indicator that is not derived; a missing value is an empty cell. Numbers are written as
   * people write them, the shortest text that reads back exactly ("18.13", never
   * "18.129999999999999"). */
  observations = export_text (db, GF_IMPORT_OBSERVATIONS);
  observation_bytes = g_bytes_new (observations, strlen (observations));
  csv = gf_csv_parse (observation_bytes, "observations.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 3);
  header = gf_csv_get_row (csv, 0);
  indicators = gf_store_list_indicators (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < indicators->len; i++)
    if (((GfIndicator *) g_ptr_array_index (indicators, i))->formula == NULL)
      n_parts++;
  g_assert_cmpuint (header->n_fields, ==, 2 + n_parts);
  g_assert_cmpstr (header->fields[0], ==, "village_code");
  g_assert_cmpstr (header->fields[1], ==, "year");
  g_assert_cmpstr (header->fields[2], ==, "coll_business_income");
  for (guint f = 0; f < header->n_fields; f++)
    {
      g_assert_cmpstr (header->fields[f], !=, "coll_operating_income");
      g_assert_cmpstr (header->fields[f], !=, "coll_total_income");
    }
  for (guint r = 1; r < 3; r++)
    {
      row = gf_csv_get_row (csv, r);
      g_assert_cmpuint (row->n_fields, ==, header->n_fields);
      for (guint f = 2; f < row->n_fields; f++)
        {
          const char *expected = "";

          if (r == 1 && g_str_equal (header->fields[f], "coll_business_income"))
            expected = "18.13";
          else if (r == 1 && g_str_equal (header->fields[f], "tourism_income"))
            expected = "1234567.891";
          else if (r == 2 && g_str_equal (header->fields[f], "coll_business_income"))
            expected = "0.1";
          if (!g_str_equal (row->fields[f], expected))
            g_error ("row %u, %s: “%s”, expected “%s”", r, header->fields[f], row->fields[f],
                     expected);
        }
    }
  g_assert_cmpstr (gf_csv_get_row (csv, 1)->fields[0], ==, "339901001001");
  g_assert_cmpstr (gf_csv_get_row (csv, 1)->fields[1], ==, "2023");
  g_assert_cmpstr (gf_csv_get_row (csv, 2)->fields[0], ==, "339901101201");
  g_assert_cmpstr (gf_csv_get_row (csv, 2)->fields[1], ==, "2024");
}

static void
test_export_file (void)
{
  TempDatabase t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(GFile) json_file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GBytes) expected = NULL;
  gsize length = 0;

  temp_database_open (&t);
  g_assert_true (gf_sample_load (t.db, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  csv_path = g_build_filename (t.dir, "towns.csv", NULL);
  json_path = g_build_filename (t.dir, "routes.geojson", NULL);
  csv_file = g_file_new_for_path (csv_path);
  json_file = g_file_new_for_path (json_path);

  /* An existing file is replaced by the complete new one. */
  g_assert_true (g_file_set_contents (csv_path, "old contents that are longer than nothing", -1,
                                      &error));
  g_assert_true (gf_export_file (t.db, GF_IMPORT_TOWNS, csv_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 3);
  g_assert_true (memcmp (contents, BOM "code,name,kind\r\n", strlen (BOM "code,name,kind\r\n"))
                 == 0);
  expected = gf_export_bytes (t.db, GF_IMPORT_TOWNS, NULL, &error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_clear_pointer (&contents, g_free);

  g_assert_true (gf_export_file (t.db, GF_IMPORT_ROUTES, json_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &contents, &length, &error));
  {
    g_autoptr(JsonNode) root = parse_json (contents, (gssize) length);
    JsonArray *features;
    JsonObject *first;

    g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==,
                     "FeatureCollection");
    features = json_object_get_array_member (json_node_get_object (root), "features");
    g_assert_cmpint (json_array_get_length (features), ==, count_rows (t.db, "route"));
    first = json_array_get_object_element (features, 0);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (first, "geometry"), "type"), ==,
                     "MultiLineString");
    g_assert_nonnull (json_object_get_string_member (
                        json_object_get_object_member (first, "properties"), "kind"));
  }

  /* No temporary or backup file is left beside the exports. */
  {
    g_autoptr(GDir) dir = g_dir_open (t.dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        gboolean expected_name = g_str_equal (name, "towns.csv")
                                 || g_str_equal (name, "routes.geojson")
                                 || g_str_has_prefix (name, "district.gfdb");

        if (!expected_name)
          g_error ("unexpected file %s left in the export folder", name);
      }
  }

  /* A folder that does not exist: an error, and nothing written. */
  {
    g_autofree char *path = g_build_filename (t.dir, "missing", "towns.csv", NULL);

    nowhere = g_file_new_for_path (path);
    g_assert_false (gf_export_file (t.db, GF_IMPORT_TOWNS, nowhere, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  temp_database_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/exact", test_export_exact);
  g_test_add_func ("/core/export/roundtrip", test_export_roundtrip);
  g_test_add_func ("/core/export/file", test_export_file);

  return g_test_run ();
}
