/* test-import.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-geometry.h"
#include "gf-import.h"
#include "gf-store.h"
#include "gf-summary.h"

/* A tiny district: 2 towns of 2 villages each, every village a 0.01° square. */

static const char district_csv[] = "code,name\n339901,示例区\n";

static const char towns_csv[] =
  "code,name,kind\n"
  "339901001,翠屏街道,\n"
  "339901101,雪岭镇,\n";

static const char villages_csv[] =
  "code,name,town_code,kind,lon,lat,population,households,area_km2\n"
  "339901001001,芦湾社区,339901001,,119.705,29.805,3398,1212,4.12\n"
  "339901001201,东坞村,339901001,,119.715,29.805,\"1,500\",520,\n"
  "339901101201,上溪村,339901101,,119.705,29.815,980,350,\n"
  "339901101202,下溪村,339901101,村,119.715,29.815,,,\n";

static const char clusters_csv[] =
  "name,brand,industry,color,town_code,description\n"
  "源头共富,源头红,竹子、茶叶,#D55E00,339901101,\"以竹子、茶叶为主导产业，\"\"四带共富\"\"模式\"\n"
  "粮仓,十里稻香,粮食,#E69F00,,\n";

static const char members_csv[] =
  "layout,cluster,village_code\n"
  "现行布局,源头共富,339901101201\n"
  "现行布局,源头共富,339901101202\n"
  "现行布局,粮仓,339901001201\n"
  "规划布局,粮仓,339901101201\n";

/* Exact areas of the squares on the WGS84 ellipsoid (closed formula of a quadrangle bounded by
 * meridians and parallels), in m². */
#define AREA_ROW_2980  1071627.1654071463   /* 0.01° × 0.01° from 29.80° N */
#define AREA_ROW_2981  1071522.1755784885   /* 0.01° × 0.01° from 29.81° N */
#define AREA_DISTRICT  4286298.681974316    /* 0.02° × 0.02° from 29.80° N */
#define AREA_HOLE      1071574.674570409    /* 0.01° × 0.01° from 29.805° N */

static const char * const all_tables[] = {
  "district", "town", "village", "layout", "cluster", "cluster_member", "alliance",
  "organization", "organization_owner", "alliance_member", "site", "route", "indicator",
  "source", "observation", "task", "activity", "finance", "talent", "score_rule", "audit_log",
};

typedef struct
{
  gint64 counts[G_N_ELEMENTS (all_tables)];
} Snapshot;

static void
snapshot_take (GfDatabase *db,
               Snapshot   *snapshot)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    {
      g_autoptr(GError) error = NULL;

      snapshot->counts[i] = gf_store_count (db, all_tables[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (snapshot->counts[i], >=, 0);
    }
}

static void
snapshot_assert_equal (const Snapshot *a,
                       const Snapshot *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    {
      if (a->counts[i] != b->counts[i])
        g_error ("table %s: %" G_GINT64_FORMAT " rows before, %" G_GINT64_FORMAT " after",
                 all_tables[i], a->counts[i], b->counts[i]);
    }
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* "line 5" but not "line 50". */
static void
assert_line (const char *message,
             guint       line)
{
  g_autofree char *needle = g_strdup_printf ("line %u", line);
  const char *p = message;

  while ((p = strstr (p, needle)) != NULL)
    {
      if (!g_ascii_isdigit (p[strlen (needle)]))
        return;
      p++;
    }

  g_error ("“%s” does not name line %u", message, line);
}

static GfDatabase *
new_database (void)
{
  g_autoptr(GError) error = NULL;
  GfDatabase *db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static guint
import_text (GfDatabase    *db,
             GfImportKind   kind,
             const char    *filename,
             const char    *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;
  gboolean ok;

  ok = gf_import_bytes (db, kind, bytes, filename, GF_IMPORT_FLAGS_NONE, &n, NULL, NULL, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (gf_database_in_transaction (db));

  return n;
}

/* Imports a file that must fail and checks that nothing at all was written. */
static GError *
import_fails_full (GfDatabase    *db,
                   GfImportKind   kind,
                   const char    *filename,
                   const char    *text,
                   GfImportFlags  flags,
                   GCancellable  *cancellable)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  GError *error = NULL;
  Snapshot before, after;
  guint n = 12345;
  gboolean ok;

  snapshot_take (db, &before);
  ok = gf_import_bytes (db, kind, bytes, filename, flags, &n, NULL, NULL, cancellable, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_false (gf_database_in_transaction (db));
  /* The row count is only set on success. */
  g_assert_cmpuint (n, ==, 12345);
  snapshot_take (db, &after);
  snapshot_assert_equal (&before, &after);

  return error;
}

static gint64
lookup_id (GfDatabase *db,
           const char *table,
           const char *key_column,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  gint64 id = -1;

  g_assert_true (gf_store_lookup_id (db, table, key_column, key, &id, &error));
  g_assert_no_error (error);
  return id;
}

static char *
lookup_text (GfDatabase *db,
             const char *table,
             const char *key_column,
             const char *key,
             const char *column)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gint64 id = lookup_id (db, table, key_column, key);

  g_assert_cmpint (id, >, 0);
  g_assert_true (gf_store_lookup_text (db, table, column, id, &text, &error));
  g_assert_no_error (error);
  return text;
}

static gint64
count_rows (GfDatabase *db,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gf_store_count (db, table, &error);

  g_assert_no_error (error);
  return n;
}

/* Compares a whole table, read as text with foreign keys as their keys; NULL is a NULL cell. */
static void
assert_rows (GfDatabase           *db,
             const char           *table,
             const GfStoreColumn  *columns,
             guint                 n_columns,
             const char * const   *expected,
             guint                 n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gf_store_select_rows (db, table, columns, n_columns, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        if (g_strcmp0 (row[c], expected[r * n_columns + c]) != 0)
          g_error ("%s row %u column %s: “%s”, expected “%s”", table, r, columns[c].column,
                   row[c] ? row[c] : "NULL",
                   expected[r * n_columns + c] ? expected[r * n_columns + c] : "NULL");
    }
}

/* A GeoJSON feature: the square from (lon0, lat0) to (lon1, lat1), with these properties. */
typedef struct
{
  const char *properties;
  double      lon0;
  double      lat0;
  double      lon1;
  double      lat1;
} Square;

static char *
square_feature (const Square *square)
{
  return g_strdup_printf ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":"
                          "{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],"
                          "[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                          square->properties, square->lon0, square->lat0, square->lon1,
                          square->lat0, square->lon1, square->lat1, square->lon0, square->lat1,
                          square->lon0, square->lat0);
}

/* The FeatureCollection of the first @n_squares squares, or of those before one without
 * properties. */
static char *
feature_collection (const Square *squares,
                    guint         n_squares)
{
  GString *out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < n_squares && squares[i].properties != NULL; i++)
    {
      g_autofree char *feature = square_feature (&squares[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, feature);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/* A file that must fail to import, and what its error must say: the file name always, and the
 * rest when given. */
typedef struct
{
  const char    *name;         /* the case, for the log */
  GfImportKind   kind;
  const char    *filename;
  const char    *text;         /* NULL for the FeatureCollection of @squares */
  GfImportError  code;
  guint          line;         /* "line 5", and not "line 50"; or 0 */
  const char    *field;        /* named in quotes; or NULL */
  guint          feature;      /* "feature 2"; or 0 */
  const char    *mentions[2];  /* more that the message says */
  const char    *never;        /* what the message must not say; or NULL */
  Square         squares[2];
  const char    *test;         /* only in a row that starts the files of the test of this path */
} BadFile;

/* Imports @file, which must fail and write nothing, with the error it expects. */
static void
assert_bad_file (GfDatabase    *db,
                 const BadFile *file)
{
  g_autofree char *collection = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = file->text;

  g_test_message ("%s: %s", file->filename, file->name);
  if (text == NULL)
    text = collection = feature_collection (file->squares, G_N_ELEMENTS (file->squares));
  error = import_fails_full (db, file->kind, file->filename, text, GF_IMPORT_FLAGS_NONE, NULL);
  if (!g_error_matches (error, GF_IMPORT_ERROR, (int) file->code))
    g_error ("%s: expected import error %d, got %s %d: %s", file->name, file->code,
             g_quark_to_string (error->domain), error->code, error->message);
  assert_contains (error->message, file->filename);
  if (file->line > 0)
    assert_line (error->message, file->line);
  if (file->field != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", file->field);

      assert_contains (error->message, quoted);
    }
  if (file->feature > 0)
    {
      g_autofree char *needle = g_strdup_printf ("feature %u", file->feature);

      assert_contains (error->message, needle);
    }
  for (guint i = 0; i < G_N_ELEMENTS (file->mentions) && file->mentions[i] != NULL; i++)
    assert_contains (error->message, file->mentions[i]);
  if (file->never != NULL)
    g_assert_null (strstr (error->message, file->never));
}

static char *
tiny_boundaries (void)
{
  static const Square squares[] = {
    { "\"level\":\"district\",\"code\":\"339901\",\"name\":\"示例区\"",
      119.70, 29.80, 119.72, 29.82 },
    /* A town by a numeric code, as DataV writes adcodes. */
    { "\"code\":\"339901001\"", 119.70, 29.80, 119.72, 29.81 },
    { "\"code\":339901101,\"name\":\"雪岭镇\"", 119.70, 29.81, 119.72, 29.82 },
    { "\"code\":\"339901001001\"", 119.70, 29.80, 119.71, 29.81 },
    { "\"code\":\"339901001201\"", 119.71, 29.80, 119.72, 29.81 },
    { "\"level\":\"village\",\"code\":\"339901101201\"", 119.70, 29.81, 119.71, 29.82 },
    /* A village matched by its name alone. */
    { "\"level\":\"village\",\"name\":\"下溪村\"", 119.71, 29.81, 119.72, 29.82 },
  };

  return feature_collection (squares, G_N_ELEMENTS (squares));
}

/* district, towns, villages and their boundaries, clusters and a layout */
static GfDatabase *
tiny_district (gboolean with_boundaries)
{
  GfDatabase *db = new_database ();

  g_assert_cmpuint (import_text (db, GF_IMPORT_DISTRICT, "district.csv", district_csv), ==, 1);
  g_assert_cmpuint (import_text (db, GF_IMPORT_TOWNS, "towns.csv", towns_csv), ==, 2);
  g_assert_cmpuint (import_text (db, GF_IMPORT_VILLAGES, "villages.csv", villages_csv), ==, 4);
  if (with_boundaries)
    {
      g_autofree char *boundaries = tiny_boundaries ();

      g_assert_cmpuint (import_text (db, GF_IMPORT_BOUNDARIES, "boundaries.geojson",
                                     boundaries), ==, 7);
    }
  g_assert_cmpuint (import_text (db, GF_IMPORT_CLUSTERS, "clusters.csv", clusters_csv), ==, 2);
  g_assert_cmpuint (import_text (db, GF_IMPORT_CLUSTER_MEMBERS, "cluster_members.csv",
                                 members_csv), ==, 4);

  return db;
}

/* The organisations and alliances the later kinds refer to. */
static void
add_organizations (GfDatabase *db)
{
  g_assert_cmpuint (import_text (db, GF_IMPORT_ALLIANCES, "alliances.csv",
                                 "name,level,parent,town_code,cluster\n"
                                 "示例红盟,district,,,\n"
                                 "雪岭镇党建联盟,town,示例红盟,339901101,\n"
                                 "源头红党建联盟,组团,雪岭镇党建联盟,,源头共富\n"), ==, 3);
  g_assert_cmpuint (import_text (db, GF_IMPORT_ORGANIZATIONS, "organizations.csv",
                                 "name,kind,town_code,village_code\n"
                                 "示例区农业农村局,department,,\n"
                                 "示例农商银行,银行,,\n"
                                 "源头强村公司,company,339901101,339901101201\n"
                                 "上溪村股份经济合作社,村,339901101,339901101201\n"), ==, 4);
}

/* The square of 芦湾社区 in the tiny district, with @properties; GOOD_SQUARE is its boundary. */
#define LUWAN_SQUARE(properties) { properties, 119.70, 29.80, 119.71, 29.81 }
#define GOOD_SQUARE LUWAN_SQUARE ("\"code\":\"339901001001\"")
/* The row before the files of the test of @path. */
#define FOR_TEST(path) { .test = path }

/* The files that the tests refuse, each test's in the order it imports them. */
static const BadFile bad_files[] = {
  FOR_TEST ("/core/import/district"),
  { "short-code", GF_IMPORT_DISTRICT, "district.csv",
    "code,name\n33990,示例区\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  { "letter-in-code", GF_IMPORT_DISTRICT, "district.csv",
    "code,name\n33990A,示例区\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  { "no-name", GF_IMPORT_DISTRICT, "district.csv",
    "code,name\n339901,\n",
    GF_IMPORT_ERROR_MISSING, 2, "name" },
  { "no-name-column", GF_IMPORT_DISTRICT, "district.csv",
    "code\n339901\n",
    GF_IMPORT_ERROR_MISSING, 0, "name" },

  FOR_TEST ("/core/import/towns"),
  { "other-district", GF_IMPORT_TOWNS, "towns.csv",
    "code,name\n339901103,甲镇\n330101001,外区街道\n",
    GF_IMPORT_ERROR_VALUE, 3, "code" },
  { "short-code", GF_IMPORT_TOWNS, "towns.csv",
    "code,name\n33990110,甲镇\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  { "unknown-kind", GF_IMPORT_TOWNS, "towns.csv",
    "code,name,kind\n339901103,甲镇,county\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },
  { "repeated-code", GF_IMPORT_TOWNS, "towns.csv",
    "code,name\n339901103,甲镇\n339901104,乙镇\n339901103,丙镇\n",
    GF_IMPORT_ERROR_DUPLICATE, 4, "code" },
  { "unknown-column", GF_IMPORT_TOWNS, "towns.csv",
    "code,name,county\n339901103,甲镇,x\n",
    GF_IMPORT_ERROR_FORMAT, 1, "county" },

  FOR_TEST ("/core/import/villages/chinese-headers"),
  { "after-title-rows", GF_IMPORT_VILLAGES, "村社.csv",
    "示例区村社基本情况表,,,,\n编码,名称,镇街编码,户籍人口,户数\n339901101202,下溪村,339901101,多,1\n",
    GF_IMPORT_ERROR_VALUE, 3, "population" },

  FOR_TEST ("/core/import/villages/bad-encoding"),
  /* gf-import.h: a bad encoding is a FORMAT error of the import. */
  { "not-utf8", GF_IMPORT_VILLAGES, "乱码.csv",
    "code,name,town_code\n339901001202,\xFF\xFE,339901001\n",
    GF_IMPORT_ERROR_FORMAT, 2 },
  { "open-quote", GF_IMPORT_VILLAGES, "quote.csv",
    "code,name,town_code\n339901001202,\"open,339901001\n",
    GF_IMPORT_ERROR_FORMAT, 2 },

  FOR_TEST ("/core/import/villages/missing-column"),
  { "no-town-column", GF_IMPORT_VILLAGES, "缺列.csv",
    "code,name,population\n339901001202,新村,100\n",
    GF_IMPORT_ERROR_MISSING, 0, "town_code" },
  { "empty-file", GF_IMPORT_VILLAGES, "empty.csv",
    "",
    GF_IMPORT_ERROR_MISSING, 0, NULL },

  FOR_TEST ("/core/import/villages/missing-value"),
  { "empty-name", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n339901001202,新村,339901001\n339901001203,,339901001\n",
    GF_IMPORT_ERROR_MISSING, 3, "name" },
  /* A short row lacks its last cells. */
  { "short-row", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n339901001202,新村\n",
    GF_IMPORT_ERROR_MISSING, 2, "town_code" },

  FOR_TEST ("/core/import/villages/wrong-type"),
  { "population-text", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,population\n339901001202,新村,339901001,abc\n",
    GF_IMPORT_ERROR_VALUE, 2, "population" },
  { "households-fraction", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,households\n339901001202,新村,339901001,12.5\n",
    GF_IMPORT_ERROR_VALUE, 2, "households" },
  { "area-two-points", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,area_km2\n339901001202,新村,339901001,1.2.3\n",
    GF_IMPORT_ERROR_VALUE, 2, "area_km2" },
  /* Latitude and longitude swapped, and a place outside China. */
  { "swapped-lon-lat", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,lon,lat\n339901001202,新村,339901001,29.8,119.7\n",
    GF_IMPORT_ERROR_VALUE, 2, "lon" },
  { "southern-lat", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,lon,lat\n339901001202,新村,339901001,119.7,-29.8\n",
    GF_IMPORT_ERROR_VALUE, 2, "lat" },

  FOR_TEST ("/core/import/villages/negative"),
  { "population", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,population\n339901001202,新村,339901001,-5\n",
    GF_IMPORT_ERROR_VALUE, 2, "population" },
  { "area", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,area_km2\n339901001202,新村,339901001,-0.5\n",
    GF_IMPORT_ERROR_VALUE, 2, "area_km2" },

  FOR_TEST ("/core/import/villages/code-length"),
  { "11-digits", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n33990100120,新村,339901001\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  { "13-digits", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n3399010012021,新村,339901001\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  /* A code Excel turned into a number. */
  { "scientific", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n3.39901E+11,新村,339901001\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },

  FOR_TEST ("/core/import/villages/code-prefix"),
  { "other-town", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n339901001202,新村,339901001\n339901001203,错村,339901101\n",
    GF_IMPORT_ERROR_VALUE, 3, "code" },

  FOR_TEST ("/core/import/villages/unknown-town"),
  { "unknown-town", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n339901999201,新村,339901999\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "town_code" },

  FOR_TEST ("/core/import/villages/duplicate-code"),
  { "repeated-code", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code\n339901001202,新村,339901001\n339901001203,又村,339901001\n"
    "339901001202,重村,339901001\n",
    GF_IMPORT_ERROR_DUPLICATE, 4, "code" },

  FOR_TEST ("/core/import/villages/unknown-enum"),
  { "unknown-kind", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,kind\n339901001202,新村,339901001,hamlet\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },

  FOR_TEST ("/core/import/villages/unknown-column"),
  /* The message names the kind of file, not the column twice. */
  { "misspelt-column", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,populaton\n339901001202,新村,339901001,5\n",
    GF_IMPORT_ERROR_FORMAT, 1, "populaton", .mentions = { "villages" },
    .never = "a populaton file" },

  FOR_TEST ("/core/import/villages/atomic"),
  /* Lines 2–4 are good and new; line 5 fails: none of them may remain. */
  { "new-rows", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,population\n339901001202,二村,339901001,100\n"
    "339901001203,三村,339901001,200\n339901101203,四村,339901101,300\n339901101204,五村,339901101,-1\n",
    GF_IMPORT_ERROR_VALUE, 5, "population" },
  /* An update of an existing row is rolled back too. */
  { "update", GF_IMPORT_VILLAGES, "villages.csv",
    "code,name,town_code,population\n339901001001,改名社区,339901001,1\n339901001202,二村,339901001,x\n",
    GF_IMPORT_ERROR_VALUE, 3, "population" },

  FOR_TEST ("/core/import/clusters"),
  { "unknown-town", GF_IMPORT_CLUSTERS, "clusters.csv",
    "组团名称,品牌,镇街编码\n天路,雪岭天路,339901999\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "town_code" },
  { "repeated-name", GF_IMPORT_CLUSTERS, "clusters.csv",
    "name,brand\n天路,a\n云上,b\n天路,c\n",
    GF_IMPORT_ERROR_DUPLICATE, 4, "name" },
  { "no-name", GF_IMPORT_CLUSTERS, "clusters.csv",
    "name,brand\n,a\n",
    GF_IMPORT_ERROR_MISSING, 2, "name" },
  /* The schema refuses a colour that is not #RRGGBB. */
  { "bad-colour", GF_IMPORT_CLUSTERS, "clusters.csv",
    "name,color\n天路,red\n",
    GF_IMPORT_ERROR_VALUE, 2, NULL },

  FOR_TEST ("/core/import/cluster-members"),
  { "unknown-cluster", GF_IMPORT_CLUSTER_MEMBERS, "members.csv",
    "layout,cluster,village_code\n现行布局,粮仓,339901001001\n现行布局,天路,339901101201\n",
    GF_IMPORT_ERROR_REFERENCE, 3, "cluster" },
  { "unknown-village", GF_IMPORT_CLUSTER_MEMBERS, "members.csv",
    "布局,组团,村编码\n新布局,粮仓,339901001999\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "village_code" },
  /* A failed file creates no layout either. */
  { "no-layout", GF_IMPORT_CLUSTER_MEMBERS, "members.csv",
    "layout,cluster,village_code\n新布局,粮仓,339901001001\n,粮仓,339901001201\n",
    GF_IMPORT_ERROR_MISSING, 3, "layout" },

  FOR_TEST ("/core/import/alliances"),
  { "unknown-level", GF_IMPORT_ALLIANCES, "alliances.csv",
    "name,level\n新联盟,province\n",
    GF_IMPORT_ERROR_VALUE, 2, "level" },
  { "unknown-parent", GF_IMPORT_ALLIANCES, "alliances.csv",
    "name,level,parent\n新联盟,town,没有的联盟\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "parent" },
  { "no-level-column", GF_IMPORT_ALLIANCES, "alliances.csv",
    "name,parent\n新联盟,示例红盟\n",
    GF_IMPORT_ERROR_MISSING, 0, "level" },
  { "unknown-cluster", GF_IMPORT_ALLIANCES, "alliances.csv",
    "name,level,cluster\n新联盟,cluster,天路\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "cluster" },

  FOR_TEST ("/core/import/organizations"),
  { "unknown-kind", GF_IMPORT_ORGANIZATIONS, "organizations.csv",
    "name,kind\n新单位,ngo\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },
  { "unknown-village", GF_IMPORT_ORGANIZATIONS, "organizations.csv",
    "name,kind,village_code\n新单位,enterprise,339901101299\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "village_code" },
  { "repeated-name", GF_IMPORT_ORGANIZATIONS, "organizations.csv",
    "name,kind\n新单位,enterprise\n新单位,bank\n",
    GF_IMPORT_ERROR_DUPLICATE, 3, "name" },

  FOR_TEST ("/core/import/organization-owners"),
  { "over-100-percent", GF_IMPORT_ORGANIZATION_OWNERS, "owners.csv",
    "organization,village_code,share_percent\n源头强村公司,339901001201,120\n",
    GF_IMPORT_ERROR_VALUE, 2, "share_percent" },
  { "unknown-organization", GF_IMPORT_ORGANIZATION_OWNERS, "owners.csv",
    "organization,village_code,share_percent\n没有的公司,339901001201,20\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "organization" },
  { "no-share-column", GF_IMPORT_ORGANIZATION_OWNERS, "owners.csv",
    "organization,village_code\n源头强村公司,339901001201\n",
    GF_IMPORT_ERROR_MISSING, 0, "share_percent" },

  FOR_TEST ("/core/import/alliance-members"),
  { "year-1800", GF_IMPORT_ALLIANCE_MEMBERS, "members.csv",
    "alliance,organization,joined_year\n示例红盟,示例农商银行,1800\n",
    GF_IMPORT_ERROR_VALUE, 2, "joined_year" },
  { "unknown-alliance", GF_IMPORT_ALLIANCE_MEMBERS, "members.csv",
    "alliance,organization\n示例红盟,示例农商银行\n没有的联盟,示例农商银行\n",
    GF_IMPORT_ERROR_REFERENCE, 3, "alliance" },

  FOR_TEST ("/core/import/sites"),
  { "lon-200", GF_IMPORT_SITES, "sites.csv",
    "name,kind,level,lon,lat\n新园,base,district,200,29.8\n",
    GF_IMPORT_ERROR_VALUE, 2, "lon" },
  { "no-lat", GF_IMPORT_SITES, "sites.csv",
    "name,kind,level,lon,lat\n新园,base,district,119.7,\n",
    GF_IMPORT_ERROR_MISSING, 2, "lat" },
  { "unknown-level", GF_IMPORT_SITES, "sites.csv",
    "name,kind,level,lon,lat\n新园,base,county,119.7,29.8\n",
    GF_IMPORT_ERROR_VALUE, 2, "level" },
  { "negative-investment", GF_IMPORT_SITES, "sites.csv",
    "name,kind,level,lon,lat,investment_wan\n新园,base,district,119.7,29.8,-3\n",
    GF_IMPORT_ERROR_VALUE, 2, "investment_wan" },
  { "year-in-words", GF_IMPORT_SITES, "sites.csv",
    "name,kind,level,lon,lat,year_opened\n新园,base,district,119.7,29.8,去年\n",
    GF_IMPORT_ERROR_VALUE, 2, "year_opened" },

  FOR_TEST ("/core/import/observations/long"),
  { "unknown-indicator", GF_IMPORT_OBSERVATIONS, "long.csv",
    "village_code,indicator,year,value\n339901001001,no_such,2023,1\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "indicator" },
  { "derived-indicator", GF_IMPORT_OBSERVATIONS, "long.csv",
    "village_code,indicator,year,value\n339901001001,coll_business_income,2023,1\n"
    "339901001001,coll_operating_income,2023,1\n",
    GF_IMPORT_ERROR_VALUE, 3, "indicator" },
  { "value-in-words", GF_IMPORT_OBSERVATIONS, "long.csv",
    "village_code,indicator,year,value\n339901001001,coll_business_income,2023,很多\n",
    GF_IMPORT_ERROR_VALUE, 2, "value" },
  { "no-value-column", GF_IMPORT_OBSERVATIONS, "long.csv",
    "village_code,indicator,year\n339901001001,coll_business_income,2023\n",
    GF_IMPORT_ERROR_MISSING, 1, "value" },

  FOR_TEST ("/core/import/observations/errors"),
  /* A derived indicator is the sum of its parts and is never imported. */
  { "derived-column", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_business_income,coll_operating_income\n339901001001,2023,1,2\n",
    GF_IMPORT_ERROR_FORMAT, 1, "coll_operating_income" },
  { "derived-chinese-column", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,村级集体经济总收入\n339901001001,2023,1\n",
    GF_IMPORT_ERROR_FORMAT, 1, "村级集体经济总收入" },
  /* An unknown indicator column is a typo, not a column to drop. */
  { "misspelt-column", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_busines_income\n339901001001,2023,1\n",
    GF_IMPORT_ERROR_FORMAT, 1, "coll_busines_income" },
  { "value-text", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_business_income\n339901001001,2023,1\n339901001001,2024,abc\n",
    GF_IMPORT_ERROR_VALUE, 3, "coll_business_income" },
  { "unknown-village", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_business_income\n339901001999,2023,1\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "village_code" },
  { "two-digit-year", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_business_income\n339901001001,23,1\n",
    GF_IMPORT_ERROR_VALUE, 2, "year" },
  { "no-village", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,year,coll_business_income\n,2023,1\n",
    GF_IMPORT_ERROR_MISSING, 2, "village_code" },
  { "no-year-column", GF_IMPORT_OBSERVATIONS, "obs.csv",
    "village_code,coll_business_income\n339901001001,1\n",
    GF_IMPORT_ERROR_MISSING, 0, NULL },

  FOR_TEST ("/core/import/tasks"),
  { "30-february", GF_IMPORT_TASKS, "tasks.csv",
    "title,cluster,year,due_date\n新任务,粮仓,2024,2024-02-30\n",
    GF_IMPORT_ERROR_VALUE, 2, "due_date" },
  { "slashed-date", GF_IMPORT_TASKS, "tasks.csv",
    "title,cluster,year,due_date\n新任务,粮仓,2024,2024/06/01\n",
    GF_IMPORT_ERROR_VALUE, 2, "due_date" },
  { "progress-101", GF_IMPORT_TASKS, "tasks.csv",
    "title,cluster,year,progress\n新任务,粮仓,2024,101\n",
    GF_IMPORT_ERROR_VALUE, 2, "progress" },
  /* A task belongs to an alliance or a cluster. */
  { "no-owner", GF_IMPORT_TASKS, "tasks.csv",
    "title,alliance,cluster,year\n新任务,,,2024\n",
    GF_IMPORT_ERROR_MISSING, 2, NULL },
  { "no-year-column", GF_IMPORT_TASKS, "tasks.csv",
    "title,cluster\n新任务,粮仓\n",
    GF_IMPORT_ERROR_MISSING, 0, "year" },

  FOR_TEST ("/core/import/activities"),
  { "unknown-kind", GF_IMPORT_ACTIVITIES, "activities.csv",
    "cluster,kind,date\n粮仓,party,2024-01-01\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },
  { "29-february-2023", GF_IMPORT_ACTIVITIES, "activities.csv",
    "cluster,kind,date\n粮仓,event,2023-02-29\n",
    GF_IMPORT_ERROR_VALUE, 2, "date" },
  { "no-owner", GF_IMPORT_ACTIVITIES, "activities.csv",
    "alliance,cluster,kind,date\n,,event,2024-01-01\n",
    GF_IMPORT_ERROR_MISSING, 2, NULL },
  { "count-in-words", GF_IMPORT_ACTIVITIES, "activities.csv",
    "cluster,kind,date,count\n粮仓,event,2024-01-01,两次\n",
    GF_IMPORT_ERROR_VALUE, 2, "count" },
  { "zero-count", GF_IMPORT_ACTIVITIES, "activities.csv",
    "cluster,kind,date,count\n粮仓,event,2024-01-01,1\n粮仓,event,2024-01-02,0\n",
    GF_IMPORT_ERROR_VALUE, 3, "count" },

  FOR_TEST ("/core/import/finance"),
  { "amount-text", GF_IMPORT_FINANCE, "finance.csv",
    "village_code,kind,year,amount_wan\n339901101201,loan,2021,abc\n",
    GF_IMPORT_ERROR_VALUE, 2, "amount_wan" },
  { "unknown-kind", GF_IMPORT_FINANCE, "finance.csv",
    "village_code,kind,year,amount_wan\n339901101201,mortgage,2021,1\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },
  { "unknown-provider", GF_IMPORT_FINANCE, "finance.csv",
    "village_code,kind,provider,year,amount_wan\n339901101201,loan,没有的银行,2021,1\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "provider" },
  { "no-amount", GF_IMPORT_FINANCE, "finance.csv",
    "village_code,kind,year,amount_wan\n339901101201,loan,2021,\n",
    GF_IMPORT_ERROR_MISSING, 2, "amount_wan" },

  FOR_TEST ("/core/import/talents"),
  { "no-since-year", GF_IMPORT_TALENTS, "talents.csv",
    "name,kind,since_year\n新人,expert,\n",
    GF_IMPORT_ERROR_MISSING, 2, "since_year" },
  { "unknown-kind", GF_IMPORT_TALENTS, "talents.csv",
    "name,kind,since_year\n新人,wizard,2020\n",
    GF_IMPORT_ERROR_VALUE, 2, "kind" },

  FOR_TEST ("/core/import/score-rules"),
  { "unknown-indicator", GF_IMPORT_SCORE_RULES, "score_rules.csv",
    "component,indicator,weight\ngrowth,no_such_indicator,0.3\n",
    GF_IMPORT_ERROR_REFERENCE, 2, "indicator" },
  { "negative-weight", GF_IMPORT_SCORE_RULES, "score_rules.csv",
    "component,indicator,weight\ntask,,-0.3\n",
    GF_IMPORT_ERROR_VALUE, 2, "weight" },
  { "unknown-component", GF_IMPORT_SCORE_RULES, "score_rules.csv",
    "component,indicator,weight\nbonus,,0.3\n",
    GF_IMPORT_ERROR_VALUE, 2, "component" },

  FOR_TEST ("/core/import/boundaries/errors"),
  { "truncated", GF_IMPORT_BOUNDARIES, "bad.geojson",
    "{\"type\":",
    GF_IMPORT_ERROR_FORMAT },
  { "one-feature", GF_IMPORT_BOUNDARIES, "bad.geojson",
    "{\"type\":\"Feature\",\"geometry\":null}",
    GF_IMPORT_ERROR_FORMAT, .mentions = { "FeatureCollection" } },
  { "array", GF_IMPORT_BOUNDARIES, "bad.geojson",
    "[1, 2]",
    GF_IMPORT_ERROR_FORMAT },
  /* The good first feature is not kept when the second fails (the test checks). */
  { "swapped", GF_IMPORT_BOUNDARIES, "swapped.geojson", NULL,
    GF_IMPORT_ERROR_VALUE, .feature = 2, .mentions = { "东坞村", "swapped" },
    .squares = { GOOD_SQUARE, { "\"code\":\"339901001201\",\"name\":\"东坞村\"",
                                29.80, 119.71, 29.81, 119.72 } } },
  { "projected", GF_IMPORT_BOUNDARIES, "utm.geojson", NULL,
    GF_IMPORT_ERROR_VALUE, .feature = 2, .mentions = { "projected" },
    .squares = { GOOD_SQUARE, { "\"code\":\"339901001201\"", 500000, 3300000, 501000, 3301000 } } },
  { "abroad", GF_IMPORT_BOUNDARIES, "paris.geojson", NULL,
    GF_IMPORT_ERROR_VALUE, .feature = 1, .mentions = { "outside China" },
    .squares = { { "\"code\":\"339901001201\"", 2.30, 48.85, 2.31, 48.86 } } },
  { "two-point-ring", GF_IMPORT_BOUNDARIES, "ring.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
    "\"Feature\",\"properties\":{\"code\":\"339901001001\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[119.70,29.80],[119.71,29.80]]]}}]}",
    GF_IMPORT_ERROR_VALUE, .feature = 1, .mentions = { "ring" } },
  { "unknown-village", GF_IMPORT_BOUNDARIES, "unknown.geojson", NULL,
    GF_IMPORT_ERROR_REFERENCE, .feature = 2, .mentions = { "339901001299" },
    .squares = { GOOD_SQUARE, { "\"code\":\"339901001299\"", 119.71, 29.80, 119.72, 29.81 } } },
  { "no-level", GF_IMPORT_BOUNDARIES, "nolevel.geojson", NULL,
    GF_IMPORT_ERROR_MISSING, .feature = 1,
    .squares = { { "\"name\":\"某地\"", 119.71, 29.80, 119.72, 29.81 } } },
  /* A line is no boundary. */
  { "line", GF_IMPORT_BOUNDARIES, "line.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
    "\"Feature\",\"properties\":{\"code\":\"339901001001\"},"
    "\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
    "[[119.70,29.80],[119.71,29.80]]}}]}",
    GF_IMPORT_ERROR_VALUE, .feature = 1 },
  { "no-geometry", GF_IMPORT_BOUNDARIES, "nogeometry.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
    "\"Feature\",\"properties\":{\"code\":\"339901001001\"}}]}",
    GF_IMPORT_ERROR_VALUE, .feature = 1 },

  FOR_TEST ("/core/import/routes"),
  { "polygon", GF_IMPORT_ROUTES, "ring-road.geojson", NULL,
    GF_IMPORT_ERROR_VALUE, .feature = 1, .mentions = { "LineString", "环线" },
    .squares = { LUWAN_SQUARE ("\"name\":\"环线\",\"kind\":\"scenic_road\"") } },
  { "no-kind", GF_IMPORT_ROUTES, "ring-road.geojson", NULL,
    GF_IMPORT_ERROR_MISSING, .feature = 1, .mentions = { "kind" },
    .squares = { LUWAN_SQUARE ("\"name\":\"环线\"") } },
  { "unknown-cluster", GF_IMPORT_ROUTES, "routes2.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
    "\"Feature\",\"properties\":{\"name\":\"新线\",\"kind\":"
    "\"industry_line\",\"cluster\":\"天路\"},\"geometry\":{\"type\":"
    "\"LineString\",\"coordinates\":[[119.70,29.80],[119.71,29.80]]}}"
    "]}",
    GF_IMPORT_ERROR_REFERENCE, .feature = 1, .mentions = { "天路" } },

  FOR_TEST ("/core/import/consistency"),
  { "two-districts", GF_IMPORT_DISTRICT, "district.csv",
    "code,name\n339901,示例区\n339901,另一个区\n",
    GF_IMPORT_ERROR_DUPLICATE, 3, NULL },
  /* The towns 339901xxx would no longer belong to the district. */
  { "other-district", GF_IMPORT_DISTRICT, "district.csv",
    "code,name\n339902,示例区\n",
    GF_IMPORT_ERROR_VALUE, 2, "code" },
  { "bad-colour", GF_IMPORT_CLUSTERS, "clusters.csv",
    "name,color\n云上,red\n",
    GF_IMPORT_ERROR_VALUE, 2, "color" },
  { "two-clusters", GF_IMPORT_CLUSTER_MEMBERS, "cluster_members.csv",
    "layout,cluster,village_code\n现行布局,粮仓,339901001001\n现行布局,源头共富,339901001001\n",
    GF_IMPORT_ERROR_DUPLICATE, 3, "village_code" },
  { "zero-amount", GF_IMPORT_FINANCE, "finance.csv",
    "village_code,kind,year,amount_wan\n339901101201,loan,2024,0\n",
    GF_IMPORT_ERROR_VALUE, 2, "amount_wan" },
  { "zero-share", GF_IMPORT_ORGANIZATION_OWNERS, "organization_owners.csv",
    "organization,village_code,share_percent\n源头强村公司,339901101201,0\n",
    GF_IMPORT_ERROR_VALUE, 2, "share_percent" },
  { "growth-without-indicator", GF_IMPORT_SCORE_RULES, "score_rules.csv",
    "component,indicator,weight\ngrowth,,0.3\n",
    GF_IMPORT_ERROR_MISSING, 2, "indicator" },
  { "task-with-indicator", GF_IMPORT_SCORE_RULES, "score_rules.csv",
    "component,indicator,weight\ntask,coll_business_income,0.3\n",
    GF_IMPORT_ERROR_VALUE, 2, "indicator" },
  { "repeated-year", GF_IMPORT_OBSERVATIONS, "observations.csv",
    "village_code,year,coll_business_income\n339901101201,2024,10\n339901101201,2024,12\n",
    GF_IMPORT_ERROR_DUPLICATE, 3, "year" },
  { "repeated-route", GF_IMPORT_ROUTES, "routes.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"天路\","
    "\"kind\":\"scenic_road\"},\"geometry\":{\"type\":"
    "\"LineString\",\"coordinates\":[[119.7,29.8],[119.71,29.81]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"天路\","
    "\"kind\":\"scenic_road\"},\"geometry\":{\"type\":"
    "\"LineString\",\"coordinates\":[[119.7,29.8],[119.72,29.82]]}}"
    "]}",
    GF_IMPORT_ERROR_DUPLICATE, .feature = 2 },
};

#undef FOR_TEST
#undef GOOD_SQUARE
#undef LUWAN_SQUARE

/* Imports the files of bad_files that belong to the test being run, on @db as the test left it. */
static void
assert_bad_files (GfDatabase *db)
{
  const char *test = NULL;
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      if (bad_files[i].test != NULL)
        test = bad_files[i].test;
      else if (g_strcmp0 (test, g_test_get_path ()) == 0)
        {
          assert_bad_file (db, &bad_files[i]);
          n_files++;
        }
    }

  g_assert_cmpuint (n_files, >, 0);
}

/* A test that is only files to refuse, on the tiny district. */
static void
test_import_bad_files (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);

  assert_bad_files (db);
}

static void
test_import_kind_names (void)
{
  for (guint i = 0; i < GF_IMPORT_N_KINDS; i++)
    {
      const char *name = gf_import_kind_to_string ((GfImportKind) i);
      GfImportKind kind = GF_IMPORT_N_KINDS;

      g_assert_nonnull (name);
      g_assert_true (gf_import_kind_from_string (name, &kind));
      g_assert_cmpint (kind, ==, (GfImportKind) i);
    }

  g_assert_cmpstr (gf_import_kind_to_string (GF_IMPORT_ORGANIZATION_OWNERS), ==,
                   "organization_owners");
  g_assert_cmpstr (gf_import_kind_to_string (GF_IMPORT_BOUNDARIES), ==, "boundaries");
  {
    GfImportKind kind = GF_IMPORT_TOWNS;

    g_assert_false (gf_import_kind_from_string ("nosuchkind", &kind));
    g_assert_false (gf_import_kind_from_string ("Villages", &kind));
    g_assert_cmpint (kind, ==, GF_IMPORT_TOWNS);
  }
}

static void
test_import_district (void)
{
  g_autoptr(GfDatabase) db = new_database ();
  g_autoptr(GError) error = NULL;
  GfDistrictRecord district;

  assert_bad_files (db);

  /* Chinese headers. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_DISTRICT, "区.csv", "区划代码,名称\n339901,示例区\n"),
                    ==, 1);
  g_assert_true (gf_store_get_district (db, &district, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (district.code, ==, "339901");
  g_assert_cmpstr (district.name, ==, "示例区");
  g_assert_false (district.is_sample);
  g_free (district.code);
  g_free (district.name);

  /* A second import renames the one district rather than adding one. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_DISTRICT, "district.csv",
                                 "code,name\n339901,新示例区\n"), ==, 1);
  g_assert_cmpint (count_rows (db, "district"), ==, 1);
  g_assert_true (gf_store_get_district (db, &district, &error));
  g_assert_cmpstr (district.name, ==, "新示例区");
  g_free (district.code);
  g_free (district.name);
}

static void
test_import_towns (void)
{
  g_autoptr(GfDatabase) db = new_database ();
  static const GfStoreColumn columns[] = { { "code" }, { "name" }, { "kind" } };
  static const char * const expected[] = {
    "339901001", "翠屏街道", "subdistrict",
    "339901101", "雪岭镇", "town",
    "339901201", "白水乡", "township",
    "339901102", "青山镇", "town",
    "339901099", "湖畔街道", "subdistrict",
  };

  import_text (db, GF_IMPORT_DISTRICT, "district.csv", district_csv);

  /* The kind defaults from the code block; 镇 is accepted for town. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_TOWNS, "towns.csv",
                                 "code,name,kind\n"
                                 "339901001,翠屏街道,\n"
                                 "339901101,雪岭镇,\n"
                                 "339901201,白水乡,\n"
                                 "339901102,青山镇,镇\n"
                                 "339901099,湖畔街道,\n"), ==, 5);
  assert_rows (db, "town", columns, G_N_ELEMENTS (columns), expected, 5);

  assert_bad_files (db);
}

static void
test_import_villages_good (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "code" }, { "name" }, { "town_id", "town", "code" }, { "kind" }, { "lon" }, { "lat" },
    { "population" }, { "households" }, { "area_km2" },
  };
  static const char * const expected[] = {
    "339901001001", "芦湾社区", "339901001", "community", "119.705", "29.805", "3398", "1212",
    "4.12",
    "339901001201", "东坞村", "339901001", "village", "119.715", "29.805", "1500", "520", NULL,
    "339901101201", "上溪村", "339901101", "village", "119.705", "29.815", "980", "350", NULL,
    "339901101202", "下溪村", "339901101", "village", "119.715", "29.815", NULL, NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;

  assert_rows (db, "village", columns, G_N_ELEMENTS (columns), expected, 4);

  summary = gf_summary_compute (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->district_code, ==, "339901");
  g_assert_cmpint (summary->n_towns, ==, 2);
  g_assert_cmpint (summary->n_villages, ==, 4);
  g_assert_cmpint (summary->n_clusters, ==, 2);
  g_assert_cmpint (summary->year, ==, 0);
  g_assert_true (isnan (summary->district_area_km2));

  /* Importing the same file again updates the rows instead of adding any. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_VILLAGES, "villages.csv",
                                 "code,name,town_code,population\n"
                                 "339901101202,下溪村,339901101,777\n"), ==, 1);
  g_assert_cmpint (count_rows (db, "village"), ==, 4);
  {
    g_autofree char *population = lookup_text (db, "village", "code", "339901101202",
                                               "population");
    g_assert_cmpstr (population, ==, "777");
  }
}

typedef struct
{
  guint  n_calls;
  double last;
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpfloat (fraction, >=, log->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  log->last = fraction;
  log->n_calls++;
}

static void
test_import_villages_chinese (void)
{
  g_autoptr(GfDatabase) db = new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  /* Title rows above the header, 序号 and 备注 columns, a blank row and a 合计 row. */
  static const char text[] =
    "示例区村社基本情况表,,,,,,\n"
    "单位：人、户,,,,,,\n"
    "序号,编码,名称,镇街编码,户籍人口,户数,备注\n"
    "1,339901001001,芦湾社区,339901001,3398,1212,\n"
    "2,339901001201,东坞村,339901001,1500,520,\"竹笋，茶叶\"\n"
    "3,339901101201,上溪村,339901101,980,350,\n"
    ",,,,,,\n"
    "合计,,,,5878,2082,\n";
  static const GfStoreColumn columns[] = {
    { "code" }, { "name" }, { "town_id", "town", "code" }, { "kind" }, { "population" },
    { "households" },
  };
  static const char * const expected[] = {
    "339901001001", "芦湾社区", "339901001", "community", "3398", "1212",
    "339901001201", "东坞村", "339901001", "village", "1500", "520",
    "339901101201", "上溪村", "339901101", "village", "980", "350",
  };
  /* An error after title rows counts lines from the top of the file. */
  ProgressLog log = { 0, 0.0 };
  guint n = 0;

  import_text (db, GF_IMPORT_DISTRICT, "district.csv", district_csv);
  import_text (db, GF_IMPORT_TOWNS, "towns.csv", towns_csv);

  bytes = g_bytes_new_static (text, strlen (text));
  g_assert_true (gf_import_bytes (db, GF_IMPORT_VILLAGES, bytes, "村社.csv", GF_IMPORT_FLAGS_NONE,
                                  &n, log_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (log.n_calls, >=, 1);
  g_assert_cmpfloat (log.last, ==, 1.0);
  assert_rows (db, "village", columns, G_N_ELEMENTS (columns), expected, 3);

  assert_bad_files (db);
}

static void
test_import_villages_gb18030_file (void)
{
  g_autoptr(GfDatabase) db = new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  guint n = 0;

  import_text (db, GF_IMPORT_DISTRICT, "district.csv", district_csv);
  import_text (db, GF_IMPORT_TOWNS, "towns.csv", towns_csv);

  /* Saved by Excel on Chinese Windows: GB18030, CRLF, title rows, a 合计 row. */
  path = g_test_build_filename (G_TEST_DIST, "fixtures", "villages-gb18030.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (gf_import_file (db, GF_IMPORT_VILLAGES, file, GF_IMPORT_FLAGS_NONE, &n, NULL,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  name = lookup_text (db, "village", "code", "339901001201", "name");
  g_assert_cmpstr (name, ==, "东坞村");
  g_clear_pointer (&name, g_free);
  name = lookup_text (db, "village", "code", "339901001001", "kind");
  g_assert_cmpstr (name, ==, "community");
  g_clear_pointer (&name, g_free);
  name = lookup_text (db, "village", "code", "339901101201", "population");
  g_assert_cmpstr (name, ==, "980");

  /* A missing file is an I/O error. */
  {
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/villages.csv");

    g_assert_false (gf_import_file (db, GF_IMPORT_VILLAGES, missing, GF_IMPORT_FLAGS_NONE, &n,
                                    NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static void
test_import_villages_unknown_enum (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autofree char *kind = NULL;

  assert_bad_files (db);

  /* Chinese spellings of the choices are accepted and stored as the English value. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_VILLAGES, "villages.csv",
                                 "code,name,town_code,类型\n339901001202,新社区,339901001,社区\n"),
                    ==, 1);
  kind = lookup_text (db, "village", "code", "339901001202", "kind");
  g_assert_cmpstr (kind, ==, "community");
}

static void
test_import_villages_atomic (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autofree char *name = NULL;

  assert_bad_files (db);
  /* Neither the new rows nor the update remain. */
  g_assert_cmpint (lookup_id (db, "village", "code", "339901001202"), ==, 0);
  g_assert_cmpint (count_rows (db, "village"), ==, 4);
  name = lookup_text (db, "village", "code", "339901001001", "name");
  g_assert_cmpstr (name, ==, "芦湾社区");
}

static void
test_import_clusters (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "name" }, { "brand" }, { "industry" }, { "color" }, { "town_id", "town", "code" },
    { "description" },
  };
  /* The doubled quotes of the file are single quotes in the record. */
  static const char * const expected[] = {
    "源头共富", "源头红", "竹子、茶叶", "#D55E00", "339901101",
    "以竹子、茶叶为主导产业，\"四带共富\"模式",
    "粮仓", "十里稻香", "粮食", "#E69F00", NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;

  assert_rows (db, "cluster", columns, G_N_ELEMENTS (columns), expected, 2);

  clusters = gf_store_list_clusters (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 2);
  g_assert_cmpstr (((GfClusterRecord *) g_ptr_array_index (clusters, 1))->brand, ==, "十里稻香");

  assert_bad_files (db);
}

static void
test_import_cluster_members (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) membership = NULL;
  static const GfStoreColumn layout_columns[] = { { "name" }, { "is_current" } };
  static const char * const layouts[] = { "现行布局", "1", "规划布局", "0" };
  gint64 current = 0;
  gint64 *cluster;

  assert_rows (db, "layout", layout_columns, 2, layouts, 2);
  g_assert_true (gf_store_current_layout (db, &current, &error));
  g_assert_cmpint (current, ==, lookup_id (db, "layout", "name", "现行布局"));

  membership = gf_store_cluster_membership (db, current, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (membership), ==, 3);
  cluster = g_hash_table_lookup (membership,
                                 &(gint64) { lookup_id (db, "village", "code", "339901101202") });
  g_assert_nonnull (cluster);
  g_assert_cmpint (*cluster, ==, lookup_id (db, "cluster", "name", "源头共富"));
  cluster = g_hash_table_lookup (membership,
                                 &(gint64) { lookup_id (db, "village", "code", "339901001201") });
  g_assert_cmpint (*cluster, ==, lookup_id (db, "cluster", "name", "粮仓"));
  g_assert_null (g_hash_table_lookup (membership,
                                      &(gint64) { lookup_id (db, "village", "code",
                                                             "339901001001") }));

  assert_bad_files (db);
  g_assert_cmpint (lookup_id (db, "layout", "name", "新布局"), ==, 0);
}

static void
test_import_alliances (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "name" }, { "level" }, { "parent_id", "alliance", "name" }, { "town_id", "town", "code" },
    { "cluster_id", "cluster", "name" },
  };
  static const char * const expected[] = {
    "示例红盟", "district", NULL, NULL, NULL,
    "雪岭镇党建联盟", "town", "示例红盟", "339901101", NULL,
    "源头红党建联盟", "cluster", "雪岭镇党建联盟", NULL, "源头共富",
  };

  add_organizations (db);
  assert_rows (db, "alliance", columns, G_N_ELEMENTS (columns), expected, 3);

  assert_bad_files (db);
}

static void
test_import_organizations (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "name" }, { "kind" }, { "town_id", "town", "code" }, { "village_id", "village", "code" },
  };
  static const char * const expected[] = {
    "示例区农业农村局", "department", NULL, NULL,
    "示例农商银行", "bank", NULL, NULL,
    "源头强村公司", "company", "339901101", "339901101201",
    "上溪村股份经济合作社", "village", "339901101", "339901101201",
  };

  add_organizations (db);
  assert_rows (db, "organization", columns, G_N_ELEMENTS (columns), expected, 4);

  assert_bad_files (db);
}

static void
test_import_organization_owners (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "organization_id", "organization", "name" }, { "village_id", "village", "code" },
    { "share_percent" },
  };
  static const char * const expected[] = {
    "源头强村公司", "339901101201", "60.0",
    "源头强村公司", "339901101202", "40.0",
  };

  add_organizations (db);
  g_assert_cmpuint (import_text (db, GF_IMPORT_ORGANIZATION_OWNERS, "owners.csv",
                                 "公司,村编码,持股比例\n"
                                 "源头强村公司,339901101201,60\n"
                                 "源头强村公司,339901101202,40\n"), ==, 2);
  assert_rows (db, "organization_owner", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static void
test_import_alliance_members (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "alliance_id", "alliance", "name" }, { "organization_id", "organization", "name" },
    { "role" }, { "joined_year" },
  };
  static const char * const expected[] = {
    "示例红盟", "示例区农业农村局", "牵头单位", "2019",
    "源头红党建联盟", "源头强村公司", NULL, NULL,
  };

  add_organizations (db);
  g_assert_cmpuint (import_text (db, GF_IMPORT_ALLIANCE_MEMBERS, "members.csv",
                                 "alliance,organization,role,joined_year\n"
                                 "示例红盟,示例区农业农村局,牵头单位,2019\n"
                                 "源头红党建联盟,源头强村公司,,\n"), ==, 2);
  assert_rows (db, "alliance_member", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static void
test_import_sites (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "name" }, { "kind" }, { "level" }, { "lon" }, { "lat" }, { "cluster_id", "cluster", "name" },
    { "village_id", "village", "code" }, { "investment_wan" }, { "year_opened" },
  };
  static const char * const expected[] = {
    "源头农村产业融合发展示范园", "integration_park", "national", "119.712", "29.815",
    "源头共富", "339901101201", "42380.0", "2019",
    "东坞共富工厂", "common_factory", "district", "119.716", "29.806", NULL, NULL, NULL, NULL,
  };

  g_assert_cmpuint (import_text (db, GF_IMPORT_SITES, "sites.csv",
                                 "name,kind,level,lon,lat,cluster,village_code,investment_wan,"
                                 "year_opened\n"
                                 "源头农村产业融合发展示范园,integration_park,国家级,119.712,29.815,"
                                 "源头共富,339901101201,\"42,380.00\",2019\n"
                                 "东坞共富工厂,共富工厂,区级,119.716,29.806,,,,\n"), ==, 2);
  assert_rows (db, "site", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static double
observation_value (GfDatabase *db,
                   const char *indicator,
                   int         year,
                   const char *village_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfVillageValues) values = NULL;
  gint64 indicator_id = lookup_id (db, "indicator", "code", indicator);
  gint64 village_id = lookup_id (db, "village", "code", village_code);

  g_assert_cmpint (indicator_id, >, 0);
  g_assert_cmpint (village_id, >, 0);
  values = gf_store_village_values (db, indicator_id, year, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->n; i++)
    if (values->village_ids[i] == village_id)
      return values->values[i];

  return NAN;
}

static void
test_import_observations_wide (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  int first = 0, last = 0;

  /* An indicator by its code and one by its Chinese name; an empty cell is no value. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_OBSERVATIONS, "2023年报.csv",
                                 "village_code,year,coll_business_income,投资收益,"
                                 "income_per_capita_net\n"
                                 "339901001001,2023,18.13,4.80,23681\n"
                                 "339901001201,2023,,\"1,200.5\",\n"
                                 "339901001001,2024,20,,\n"
                                 "合计,,38.13,,\n"), ==, 5);
  g_assert_cmpint (count_rows (db, "observation"), ==, 5);
  g_assert_cmpint (count_rows (db, "source"), ==, 1);
  source = lookup_text (db, "source", "id", "1", "name");
  g_assert_cmpstr (source, ==, "2023年报.csv");

  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2023, "339901001001"), ==,
                     18.13);
  g_assert_cmpfloat (observation_value (db, "coll_investment_income", 2023, "339901001001"), ==,
                     4.80);
  g_assert_cmpfloat (observation_value (db, "income_per_capita_net", 2023, "339901001001"), ==,
                     23681);
  g_assert_cmpfloat (observation_value (db, "coll_investment_income", 2023, "339901001201"), ==,
                     1200.5);
  /* Empty cells stay missing, never zero. */
  g_assert_true (isnan (observation_value (db, "coll_business_income", 2023, "339901001201")));
  g_assert_true (isnan (observation_value (db, "income_per_capita_net", 2023, "339901001201")));
  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2024, "339901001001"), ==, 20);

  g_assert_true (gf_store_year_range (db, &first, &last, &error));
  g_assert_cmpint (first, ==, 2023);
  g_assert_cmpint (last, ==, 2024);

  /* Chinese headers for the key columns, too. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_OBSERVATIONS, "2022.csv",
                                 "村编码,年份,经营收入\n339901101201,2022,7.5\n"), ==, 1);
  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2022, "339901101201"), ==,
                     7.5);
  /* A second file for the same cell replaces the value. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_OBSERVATIONS, "2022-fix.csv",
                                 "village_code,year,coll_business_income\n"
                                 "339901101201,2022,8.5\n"), ==, 1);
  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2022, "339901101201"), ==,
                     8.5);
  g_assert_cmpint (count_rows (db, "observation"), ==, 6);
}

static void
test_import_observations_long (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);

  g_assert_cmpuint (import_text (db, GF_IMPORT_OBSERVATIONS, "long.csv",
                                 "village_code,indicator,year,value\n"
                                 "339901001001,coll_business_income,2023,18.13\n"
                                 "339901001001,土地流转面积,2023,154.9\n"
                                 "339901101202,coll_business_income,2024,0\n"
                                 "339901101202,tourism_income,2024,\n"), ==, 3);
  g_assert_cmpint (count_rows (db, "observation"), ==, 3);
  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2023, "339901001001"), ==,
                     18.13);
  g_assert_cmpfloat (observation_value (db, "land_transferred", 2023, "339901001001"), ==, 154.9);
  /* A zero is a value; an empty cell is not. */
  g_assert_cmpfloat (observation_value (db, "coll_business_income", 2024, "339901101202"), ==, 0);
  g_assert_true (isnan (observation_value (db, "tourism_income", 2024, "339901101202")));

  assert_bad_files (db);
}

static void
test_import_tasks (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "title" }, { "alliance_id", "alliance", "name" }, { "cluster_id", "cluster", "name" },
    { "year" }, { "due_date" }, { "progress" },
  };
  static const char * const expected[] = {
    "竹笋全产业链延链补链", "源头红党建联盟", "源头共富", "2024", "2024-06-15", "100.0",
    "十里稻香品牌推广", NULL, "粮仓", "2025", NULL, "0.0",
  };

  add_organizations (db);
  /* Progress is optional and starts at 0. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_TASKS, "tasks.csv",
                                 "title,alliance,cluster,year,due_date,progress\n"
                                 "竹笋全产业链延链补链,源头红党建联盟,源头共富,2024,2024-06-15,100\n"
                                 "十里稻香品牌推广,,粮仓,2025,,\n"), ==, 2);
  assert_rows (db, "task", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static void
test_import_activities (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "alliance_id", "alliance", "name" }, { "cluster_id", "cluster", "name" }, { "kind" },
    { "date" }, { "count" }, { "title" },
  };
  static const char * const expected[] = {
    "源头红党建联盟", "源头共富", "meeting", "2024-01-18", "3", "联席会议",
    NULL, "粮仓", "problem_solved", "2024-02-29", "1", NULL,
  };

  add_organizations (db);
  /* The count is optional and is 1. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_ACTIVITIES, "activities.csv",
                                 "联盟,组团,类型,日期,次数,名称\n"
                                 "源头红党建联盟,源头共富,会议,2024-01-18,3,联席会议\n"
                                 ",粮仓,problem_solved,2024-02-29,,\n"), ==, 2);
  assert_rows (db, "activity", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static void
test_import_finance (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "village_id", "village", "code" }, { "kind" }, { "product" },
    { "provider_id", "organization", "name" }, { "year" }, { "amount_wan" },
    { "interest_saved_wan" },
  };
  static const char * const expected[] = {
    "339901101201", "loan", "共富贷", "示例农商银行", "2021", "170.0", "2.9",
    "339901001001", "grant", NULL, NULL, "2022", "35.5", NULL,
  };

  add_organizations (db);
  g_assert_cmpuint (import_text (db, GF_IMPORT_FINANCE, "finance.csv",
                                 "village_code,kind,product,provider,year,amount_wan,"
                                 "interest_saved_wan\n"
                                 "339901101201,贷款,共富贷,示例农商银行,2021,170.00,2.90\n"
                                 "339901001001,grant,,,2022,35.5,\n"), ==, 2);
  assert_rows (db, "finance", columns, G_N_ELEMENTS (columns), expected, 2);

  assert_bad_files (db);
}

static void
test_import_talents (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  static const GfStoreColumn columns[] = {
    { "name" }, { "kind" }, { "specialty" }, { "cluster_id", "cluster", "name" },
    { "village_id", "village", "code" }, { "since_year" },
  };
  static const char * const expected[] = {
    "孟胜", "expert", "数字农业", "源头共富", NULL, "2020",
    "潘林嘉", "xiangxian", NULL, NULL, "339901101201", "2016",
    "孟胜", "livestream_host", NULL, NULL, NULL, "2023",
  };

  /* Names may repeat: two people can share one. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_TALENTS, "talents.csv",
                                 "name,kind,specialty,cluster,village_code,since_year\n"
                                 "孟胜,expert,数字农业,源头共富,,2020\n"
                                 "潘林嘉,乡贤,,,339901101201,2016\n"
                                 "孟胜,主播,,,,2023\n"), ==, 3);
  assert_rows (db, "talent", columns, G_N_ELEMENTS (columns), expected, 3);

  assert_bad_files (db);
}

static void
test_import_score_rules (void)
{
  g_autoptr(GfDatabase) db = new_database ();
  static const GfStoreColumn columns[] = {
    { "component" }, { "indicator_id", "indicator", "code" }, { "weight" },
  };
  static const char * const expected[] = {
    "task", NULL, "0.4",
    "activity", NULL, "0.2",
    "growth", "coll_business_income", "0.25",
    "growth", "tourism_income", "0.15",
  };

  g_assert_cmpuint (import_text (db, GF_IMPORT_SCORE_RULES, "score_rules.csv",
                                 "component,indicator,weight\n"
                                 "task,,0.4\n"
                                 "活跃,,0.2\n"
                                 "growth,coll_business_income,0.25\n"
                                 "增长,tourism_income,0.15\n"), ==, 4);
  assert_rows (db, "score_rule", columns, G_N_ELEMENTS (columns), expected, 4);

  assert_bad_files (db);
}

static void
test_import_boundaries (void)
{
  g_autoptr(GfDatabase) db = tiny_district (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;
  static const struct
  {
    const char *code;
    double      area;
  } villages[] = {
    { "339901001001", AREA_ROW_2980 },
    { "339901001201", AREA_ROW_2980 },
    { "339901101201", AREA_ROW_2981 },
    { "339901101202", AREA_ROW_2981 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      gint64 id = lookup_id (db, "village", "code", villages[i].code);
      g_autoptr(GfGeometry) boundary = gf_store_get_geometry (db, "village", "boundary", id,
                                                              &error);
      g_autofree char *area_text = lookup_text (db, "village", "code", villages[i].code,
                                                "area_km2");
      GfBounds bounds;

      g_assert_no_error (error);
      g_assert_nonnull (boundary);
      g_assert_cmpint (boundary->kind, ==, GF_GEOMETRY_AREA);
      g_assert_cmpuint (boundary->n_parts, ==, 1);
      g_assert_cmpuint (boundary->n_rings, ==, 1);
      g_assert_cmpuint (boundary->n_points, ==, 5);
      g_assert_cmpfloat_with_epsilon (gf_geometry_area_m2 (boundary), villages[i].area, 0.5);
      /* area_km2 follows the boundary, replacing the 4.12 of the file for the first. */
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (area_text, NULL),
                                      villages[i].area / 1e6, 1e-6);
      bounds = gf_geometry_get_bounds (boundary);
      g_assert_cmpfloat_with_epsilon (bounds.max_lon - bounds.min_lon, 0.01, 1e-9);
      g_assert_cmpfloat_with_epsilon (bounds.max_lat - bounds.min_lat, 0.01, 1e-9);
    }

  /* The town with a numeric code got its boundary. */
  {
    gint64 id = lookup_id (db, "town", "code", "339901101");
    g_autoptr(GfGeometry) town = gf_store_get_geometry (db, "town", "boundary", id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (town);
    g_assert_cmpfloat_with_epsilon (gf_geometry_area_m2 (town), 2 * AREA_ROW_2981, 1.0);
  }

  summary = gf_summary_compute (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (summary->district_area_km2, AREA_DISTRICT / 1e6, 1e-6);
  g_assert_cmpint (summary->n_villages, ==, 4);
}

static void
test_import_boundaries_hole (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) boundary = NULL;
  g_autofree char *area_text = NULL;
  /* A 0.02° square with a 0.01° hole in the middle, plus a separate 0.01° square. */
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"code\":\"339901001001\",\"name\":\"芦湾社区\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
    "[[[119.70,29.80],[119.72,29.80],[119.72,29.82],[119.70,29.82],[119.70,29.80]],"
    " [[119.705,29.805],[119.705,29.815],[119.715,29.815],[119.715,29.805],[119.705,29.805]]],"
    "[[[119.73,29.80],[119.74,29.80],[119.74,29.81],[119.73,29.81]]]"
    "]}}]}";
  double expected = AREA_DISTRICT - AREA_HOLE + AREA_ROW_2980;
  gint64 id;

  g_assert_cmpuint (import_text (db, GF_IMPORT_BOUNDARIES, "hole.geojson", text), ==, 1);
  id = lookup_id (db, "village", "code", "339901001001");
  boundary = gf_store_get_geometry (db, "village", "boundary", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boundary->n_parts, ==, 2);
  g_assert_cmpuint (boundary->n_rings, ==, 3);
  /* The open ring of the second polygon was closed. */
  g_assert_cmpuint (boundary->n_points, ==, 15);
  g_assert_cmpfloat_with_epsilon (gf_geometry_area_m2 (boundary), expected, 1.0);

  area_text = lookup_text (db, "village", "code", "339901001001", "area_km2");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (area_text, NULL), expected / 1e6, 1e-6);

  /* A point in the hole is outside, one in the ring is inside. */
  g_assert_false (gf_geometry_contains (boundary, 119.71, 29.81));
  g_assert_true (gf_geometry_contains (boundary, 119.702, 29.81));
  g_assert_true (gf_geometry_contains (boundary, 119.735, 29.805));
}

static void
test_import_boundaries_errors (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) none = NULL;
  g_autofree char *area = NULL;

  assert_bad_files (db);

  /* The good first feature of swapped.geojson was not kept. */
  none = gf_store_get_geometry (db, "village", "boundary",
                                lookup_id (db, "village", "code", "339901001001"), &error);
  g_assert_no_error (error);
  g_assert_null (none);
  area = lookup_text (db, "village", "code", "339901001001", "area_km2");
  g_assert_cmpstr (area, ==, "4.12");
}

static const char routes_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"雪岭天路\",\"kind\":\"scenic_road\","
  "\"cluster\":\"源头共富\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
  "[[119.70,29.80],[119.71,29.80],[119.71,29.81]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"红色足迹\",\"kind\":\"红色旅游\"},"
  "\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":"
  "[[[119.70,29.81],[119.72,29.81]],[[119.70,29.82],[119.70,29.815]]]}}"
  "]}";

static void
test_import_routes (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) routes = NULL;
  GfFeatureRecord *route;

  g_assert_cmpuint (import_text (db, GF_IMPORT_ROUTES, "routes.geojson", routes_geojson), ==, 2);
  routes = gf_store_list_features (db, "route", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (routes->len, ==, 2);

  route = g_ptr_array_index (routes, 0);
  g_assert_cmpstr (route->name, ==, "雪岭天路");
  g_assert_cmpstr (route->kind, ==, "scenic_road");
  g_assert_cmpstr (route->cluster, ==, "源头共富");
  g_assert_cmpint (route->geometry->kind, ==, GF_GEOMETRY_LINE);
  g_assert_cmpuint (route->geometry->n_points, ==, 3);
  g_assert_cmpfloat_with_epsilon (gf_geometry_length_m (route->geometry),
                                  gf_distance_m (119.70, 29.80, 119.71, 29.80)
                                  + gf_distance_m (119.71, 29.80, 119.71, 29.81), 1e-6);

  route = g_ptr_array_index (routes, 1);
  g_assert_cmpstr (route->kind, ==, "red_tourism");
  g_assert_null (route->cluster);
  g_assert_cmpuint (route->geometry->n_parts, ==, 2);

  /* The same file again updates by name. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_ROUTES, "routes.geojson", routes_geojson), ==, 2);
  g_assert_cmpint (count_rows (db, "route"), ==, 2);

  assert_bad_files (db);
}

static void
test_import_datav_gcj02 (void)
{
  const char *dir = g_getenv ("GF_REAL_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;
  g_autoptr(GfGeometry) boundary = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *ring;
  double file_lon, file_lat, lon, lat, shift;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("GF_REAL_DATA_DIR is not set");
      return;
    }
  path = g_build_filename (dir, "linan_330112_datav.geojson", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the DataV boundary of Lin'an is not available");
      return;
    }

  /* The district record is created from the boundary of an empty database. */
  db = new_database ();
  file = g_file_new_for_path (path);
  g_assert_true (gf_import_file (db, GF_IMPORT_BOUNDARIES, file, GF_IMPORT_FLAGS_GCJ02, &n, NULL,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  summary = gf_summary_compute (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->district_code, ==, "330112");
  g_assert_cmpstr (summary->district_name, ==, "临安区");
  /* Official area: 3,118.77 km². */
  g_test_message ("area of the DataV boundary: %.2f km²", summary->district_area_km2);
  g_assert_cmpfloat (fabs (summary->district_area_km2 - 3118.77), <, 31.1877);

  /* The stored coordinates are the file's moved from GCJ-02 back to WGS84. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  ring = json_array_get_array_element (
           json_array_get_array_element (
             json_array_get_array_element (
               json_object_get_array_member (
                 json_object_get_object_member (
                   json_array_get_object_element (
                     json_object_get_array_member (
                       json_node_get_object (json_parser_get_root (parser)), "features"), 0),
                   "geometry"),
                 "coordinates"), 0), 0), 0);
  file_lon = json_array_get_double_element (ring, 0);
  file_lat = json_array_get_double_element (ring, 1);

  boundary = gf_store_get_geometry (db, "district", "boundary", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (boundary);
  g_assert_cmpuint (boundary->n_rings, ==, 1);
  g_assert_cmpuint (boundary->n_points, >=, 961);
  shift = gf_distance_m (file_lon, file_lat, boundary->coords[0], boundary->coords[1]);
  g_test_message ("GCJ-02 → WGS84 shift of the first vertex: %.1f m", shift);
  g_assert_cmpfloat (shift, >, 300);
  g_assert_cmpfloat (shift, <, 800);
  gf_gcj02_to_wgs84 (file_lon, file_lat, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (boundary->coords[0], lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (boundary->coords[1], lat, 1e-9);
  /* WGS84 lies south-west of GCJ-02 in China. */
  g_assert_cmpfloat (boundary->coords[0], <, file_lon);
  g_assert_cmpfloat (boundary->coords[1], >, file_lat - 0.01);
}

static void
test_import_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gf-test-import-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *boundaries = tiny_boundaries ();
  Snapshot before, after;

  g_assert_no_error (error);
  path = g_build_filename (dir, "district.gfdb", NULL);
  {
    g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    import_text (db, GF_IMPORT_DISTRICT, "district.csv", district_csv);
    import_text (db, GF_IMPORT_TOWNS, "towns.csv", towns_csv);
  }

  {
    g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_READ_ONLY, &error);
    g_autoptr(GBytes) villages = g_bytes_new_static (villages_csv, strlen (villages_csv));
    g_autoptr(GBytes) geojson = g_bytes_new (boundaries, strlen (boundaries));

    g_assert_no_error (error);
    g_assert_true (gf_database_is_read_only (db));
    snapshot_take (db, &before);
    g_assert_false (gf_import_bytes (db, GF_IMPORT_VILLAGES, villages, "villages.csv",
                                     GF_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (gf_import_bytes (db, GF_IMPORT_BOUNDARIES, geojson, "b.geojson",
                                     GF_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    snapshot_take (db, &after);
    snapshot_assert_equal (&before, &after);
    g_assert_cmpint (count_rows (db, "town"), ==, 2);
  }

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

static void
test_import_cancelled (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *boundaries = tiny_boundaries ();
  static const struct
  {
    GfImportKind  kind;
    const char   *text;
  } files[] = {
    { GF_IMPORT_TOWNS, "code,name\n339901102,新镇\n" },
    { GF_IMPORT_VILLAGES, "code,name,town_code\n339901001202,新村,339901001\n" },
    { GF_IMPORT_OBSERVATIONS, "village_code,year,coll_business_income\n339901001001,2023,1\n" },
    { GF_IMPORT_OBSERVATIONS, "village_code,indicator,year,value\n"
                              "339901001001,coll_business_income,2023,1\n" },
    { GF_IMPORT_SCORE_RULES, "component,weight\ntask,1\n" },
  };

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", gf_import_kind_to_string (files[i].kind), files[i].text);
      error = import_fails_full (db, files[i].kind, "cancelled.csv", files[i].text,
                                 GF_IMPORT_FLAGS_NONE, cancellable);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  {
    g_autoptr(GError) error = import_fails_full (db, GF_IMPORT_BOUNDARIES, "cancelled.geojson",
                                                 boundaries, GF_IMPORT_FLAGS_NONE, cancellable);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  {
    g_autoptr(GError) error = import_fails_full (db, GF_IMPORT_ROUTES, "cancelled.geojson",
                                                 routes_geojson, GF_IMPORT_FLAGS_NONE,
                                                 cancellable);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* The database is still usable afterwards. */
  g_assert_cmpuint (import_text (db, GF_IMPORT_TOWNS, "towns.csv", "code,name\n339901102,新镇\n"),
                    ==, 1);
}

/* What the schema would refuse without saying which field, and repeats that would silently keep
 * only the last row, are caught by the importer with file, line and field. */
static void
test_import_consistency (void)
{
  g_autoptr(GfDatabase) db = tiny_district (FALSE);

  add_organizations (db);
  assert_bad_files (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/kind-names", test_import_kind_names);
  g_test_add_func ("/core/import/district", test_import_district);
  g_test_add_func ("/core/import/towns", test_import_towns);
  g_test_add_func ("/core/import/villages/good", test_import_villages_good);
  g_test_add_func ("/core/import/villages/chinese-headers", test_import_villages_chinese);
  g_test_add_func ("/core/import/villages/gb18030-file", test_import_villages_gb18030_file);
  g_test_add_func ("/core/import/villages/bad-encoding", test_import_bad_files);
  g_test_add_func ("/core/import/villages/missing-column", test_import_bad_files);
  g_test_add_func ("/core/import/villages/missing-value", test_import_bad_files);
  g_test_add_func ("/core/import/villages/wrong-type", test_import_bad_files);
  g_test_add_func ("/core/import/villages/negative", test_import_bad_files);
  g_test_add_func ("/core/import/villages/code-length", test_import_bad_files);
  g_test_add_func ("/core/import/villages/code-prefix", test_import_bad_files);
  g_test_add_func ("/core/import/villages/unknown-town", test_import_bad_files);
  g_test_add_func ("/core/import/villages/duplicate-code", test_import_bad_files);
  g_test_add_func ("/core/import/villages/unknown-enum", test_import_villages_unknown_enum);
  g_test_add_func ("/core/import/villages/unknown-column", test_import_bad_files);
  g_test_add_func ("/core/import/villages/atomic", test_import_villages_atomic);
  g_test_add_func ("/core/import/clusters", test_import_clusters);
  g_test_add_func ("/core/import/cluster-members", test_import_cluster_members);
  g_test_add_func ("/core/import/alliances", test_import_alliances);
  g_test_add_func ("/core/import/organizations", test_import_organizations);
  g_test_add_func ("/core/import/organization-owners", test_import_organization_owners);
  g_test_add_func ("/core/import/alliance-members", test_import_alliance_members);
  g_test_add_func ("/core/import/sites", test_import_sites);
  g_test_add_func ("/core/import/observations/wide", test_import_observations_wide);
  g_test_add_func ("/core/import/observations/long", test_import_observations_long);
  g_test_add_func ("/core/import/observations/errors", test_import_bad_files);
  g_test_add_func ("/core/import/tasks", test_import_tasks);
  g_test_add_func ("/core/import/activities", test_import_activities);
  g_test_add_func ("/core/import/finance", test_import_finance);
  g_test_add_func ("/core/import/talents", test_import_talents);
  g_test_add_func ("/core/import/consistency", test_import_consistency);
  g_test_add_func ("/core/import/score-rules", test_import_score_rules);
  g_test_add_func ("/core/import/boundaries/good", test_import_boundaries);
  g_test_add_func ("/core/import/boundaries/hole", test_import_boundaries_hole);
  g_test_add_func ("/core/import/boundaries/errors", test_import_boundaries_errors);
  g_test_add_func ("/core/import/boundaries/datav-gcj02", test_import_datav_gcj02);
  g_test_add_func ("/core/import/routes", test_import_routes);
  g_test_add_func ("/core/import/read-only", test_import_read_only);
  g_test_add_func ("/core/import/cancelled", test_import_cancelled);

  return g_test_run ();
}
