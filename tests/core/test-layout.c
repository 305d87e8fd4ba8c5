/* test-layout.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning of cluster layouts: drafts, saving, the current layout, totals and comparisons
 * worked out by hand, shape checks on hand-made shapes, `gongfu-atlas-cli layout`, and the
 * sample district's two layouts. The district is a grid of 6 × 3 villages, squares of 0.01°
 * in town 339901101; village 3399011012JI is column I (lon 120.00 + 0.01·I) of row J
 * (lat 30.00 + 0.01·J), and 339901101299 has no boundary:
 *
 *   lat 30.03 ┌────┬────┬────┬────┬────┬────┐
 *             │220 │221 │222 │223 │224 │225 │
 *             ├────┼────┼────┼────┼────┼────┤
 *             │210 │211 │212 │213 │214 │215 │
 *             ├────┼────┼────┼────┼────┼────┤
 *             │200 │201 │202 │203 │204 │205 │
 *   lat 30.00 └────┴────┴────┴────┴────┴────┘
 *          120.00                          120.06
 *
 * Layout 现行布局 (current): X = {200, 201}, Y = {202, 203}. Figures (2024):
 *
 *   village  population  area_km2  business contract investment  disposable  land  rent
 *   200            1000      1.5         30       12          8       30000   100   800
 *   201            3000      2.25        40       20          5       40000   300  1000
 *   202            2000      (boundary)  25       10          5       35000   200   900
 *   203             500      0.75        10        6          4       28000    --   700
 *   204             800      (boundary)  --       --         --          --    --    --
 *
 * Operating income (derived: business + contract + investment) is 50, 65, 40, 20; disposable
 * income is a mean weighted by population, rent to villagers one weighted by the land
 * transferred (203 has no land figure, so its rent counts nowhere).
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-import.h"
#include "gf-layout.h"
#include "gf-sample.h"
#include "gf-test-cli.h"
#include "gf-test-core.h"

static const char district_csv[] = "code,name\n339901,测试区\n";
static const char towns_csv[] = "code,name\n339901101,雪岭镇\n";
static const char clusters_csv[] = "name,color\nX,#D55E00\nY,#0072B2\nZ,#009E73\n";
static const char members_csv[] =
  "layout,cluster,village_code\n"
  "现行布局,X,339901101200\n"
  "现行布局,X,339901101201\n"
  "现行布局,Y,339901101202\n"
  "现行布局,Y,339901101203\n";
static const char observations_csv[] =
  "village_code,year,coll_business_income,coll_contract_income,coll_investment_income,"
  "income_per_capita_disposable,land_transferred,rent_to_villagers\n"
  "339901101200,2024,30,12,8,30000,100,800\n"
  "339901101201,2024,40,20,5,40000,300,1000\n"
  "339901101202,2024,25,10,5,35000,200,900\n"
  "339901101203,2024,10,6,4,28000,,700\n";

typedef struct
{
  GfDatabase *db;
  gint64      x, y, z;      /* cluster ids */
  gint64      current;      /* the layout 现行布局 */
} Fixture;

static char *
square (const char *properties,
        double      lon0,
        double      lat0,
        double      lon1,
        double      lat1)
{
  return g_strdup_printf ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":"
                          "{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],"
                          "[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                          properties, lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
}

static void
fill_database (GfDatabase *db)
{
  g_autoptr(GString) villages = g_string_new ("code,name,town_code,population\n");
  g_autoptr(GString) boundaries = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autofree char *district = square ("\"level\":\"district\",\"code\":\"339901\"",
                                      120.00, 30.00, 120.06, 30.03);
  g_autofree char *town = square ("\"level\":\"town\",\"code\":\"339901101\"",
                                  120.00, 30.00, 120.06, 30.03);
  static const char * const populations[] = { "1000", "3000", "2000", "500", "800" };
  /* The stored areas: the boundary import sets every village's area from its boundary, so
   * they are set afterwards; NaN empties the column, as in a database from before that. */
  static const struct { const char *code; double km2; } areas[] = {
    { "339901101200", 1.5 }, { "339901101201", 2.25 }, { "339901101202", NAN },
    { "339901101203", 0.75 }, { "339901101204", NAN },
  };
  g_autoptr(GError) error = NULL;

  g_string_append_printf (boundaries, "%s,%s", district, town);
  for (int j = 0; j < 3; j++)
    for (int i = 0; i < 6; i++)
      {
        g_autofree char *props = g_strdup_printf ("\"code\":\"3399011012%d%d\"", j, i);
        g_autofree char *feature = square (props, 120.00 + 0.01 * i, 30.00 + 0.01 * j,
                                           120.00 + 0.01 * (i + 1), 30.00 + 0.01 * (j + 1));

        g_string_append_printf (villages, "3399011012%d%d,村%d%d,339901101,%s\n", j, i, j, i,
                                j == 0 && i < 5 ? populations[i] : "");
        g_string_append_printf (boundaries, ",%s", feature);
      }
  g_string_append (villages, "339901101299,无界村,339901101,100\n");
  g_string_append (boundaries, "]}");

  gf_test_import_text (db, GF_IMPORT_DISTRICT, district_csv);
  gf_test_import_text (db, GF_IMPORT_TOWNS, towns_csv);
  gf_test_import_text (db, GF_IMPORT_VILLAGES, villages->str);
  gf_test_import_text (db, GF_IMPORT_BOUNDARIES, boundaries->str);
  gf_test_import_text (db, GF_IMPORT_CLUSTERS, clusters_csv);
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS, members_csv);
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS, observations_csv);

  g_assert_true (gf_database_begin (db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      GfStoreValue value = { isnan (areas[i].km2) ? GF_STORE_NULL : GF_STORE_REAL,
                             .d = areas[i].km2 };
      gint64 id = 0;

      g_assert_true (gf_store_lookup_id (db, "village", "code", areas[i].code, &id, &error));
      g_assert_true (gf_store_update_value (db, "village", id, "area_km2", &value, &error));
    }
  g_assert_true (gf_database_commit (db, "village", &error));
  g_assert_no_error (error);
}

static gint64
lookup (GfDatabase *db,
        const char *table,
        const char *column,
        const char *key)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gf_store_lookup_id (db, table, column, key, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The id of village 3399011012JI (or of "99"). */
static gint64
village (Fixture    *f,
         const char *suffix)
{
  g_autofree char *code = g_strconcat ("3399011012", suffix, NULL);

  return lookup (f->db, "village", "code", code);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fill_database (f->db);

  f->x = lookup (f->db, "cluster", "name", "X");
  f->y = lookup (f->db, "cluster", "name", "Y");
  f->z = lookup (f->db, "cluster", "name", "Z");
  f->current = lookup (f->db, "layout", "name", "现行布局");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
}

static gint64
count (GfDatabase *db,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gf_store_count (db, table, &error);

  g_assert_no_error (error);
  return n;
}

static GHashTable *
membership_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
membership_put (GHashTable *membership,
                gint64      village_id,
                gint64      cluster_id)
{
  g_hash_table_insert (membership, g_memdup2 (&village_id, sizeof village_id),
                       g_memdup2 (&cluster_id, sizeof cluster_id));
}

static gint64
membership_get (GHashTable *membership,
                gint64      village_id)
{
  gint64 *cluster = g_hash_table_lookup (membership, &village_id);

  return cluster != NULL ? *cluster : 0;
}

static GHashTable *
membership_of (Fixture *f,
               gint64   layout_id)
{
  g_autoptr(GError) error = NULL;
  GHashTable *membership = gf_layout_get_membership (f->db, layout_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (membership);
  return membership;
}

static void
assert_value (double value,
              double expected)
{
  if (isnan (expected))
    {
      if (!isnan (value))
        g_error ("expected no value (NaN), got %.12g", value);
    }
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9 * MAX (1, fabs (expected)));
}

static double
value_of (const GfLayoutTotals        *totals,
          const GfLayoutClusterTotals *cluster,
          const char                  *code)
{
  int i = gf_layout_totals_find_indicator (totals, code);

  g_assert_cmpint (i, >=, 0);
  return cluster->values[i];
}

static guint
reporting_of (const GfLayoutTotals        *totals,
              const GfLayoutClusterTotals *cluster,
              const char                  *code)
{
  int i = gf_layout_totals_find_indicator (totals, code);

  g_assert_cmpint (i, >=, 0);
  return cluster->n_reporting[i];
}

static double
boundary_km2 (Fixture    *f,
              const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) geometry = gf_store_get_geometry (f->db, "village", "boundary",
                                                          village (f, suffix), &error);

  g_assert_no_error (error);
  g_assert_nonnull (geometry);
  return gf_geometry_area_m2 (geometry) / 1e6;
}

/* Drafts */

typedef struct
{
  guint changed;
  guint modified;
  guint can_undo;
} Counts;

static void
draft_changed_cb (GfLayoutDraft *draft,
                  Counts        *counts)
{
  counts->changed++;
}

static void
draft_notify_cb (GfLayoutDraft *draft,
                 GParamSpec    *pspec,
                 Counts        *counts)
{
  if (g_str_equal (pspec->name, "modified"))
    counts->modified++;
  else if (g_str_equal (pspec->name, "can-undo"))
    counts->can_undo++;
}

static void
database_changed_cb (GfDatabase *db,
                     const char *table,
                     GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static void
test_draft_leaves_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  g_autoptr(GHashTable) before = membership_of (f, 0);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) saved = NULL;
  g_autoptr(GPtrArray) layouts = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) changes = NULL;
  gint64 v200 = village (f, "00"), v203 = village (f, "03"), v204 = village (f, "04");
  gint64 n_members = count (f->db, "cluster_member"), n_audit = count (f->db, "audit_log");
  Counts counts = { 0 };

  g_signal_connect (f->db, "changed", G_CALLBACK (database_changed_cb), tables);

  draft = gf_layout_draft_new_from (f->db, 0, "草案", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_layout_draft_get_base_id (draft), ==, f->current);
  g_assert_cmpint (gf_layout_draft_get_saved_id (draft), ==, 0);
  g_assert_false (gf_layout_draft_get_modified (draft));
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, v200), ==, f->x);
  g_signal_connect (draft, "changed", G_CALLBACK (draft_changed_cb), &counts);
  g_signal_connect (draft, "notify", G_CALLBACK (draft_notify_cb), &counts);

  g_assert_true (gf_layout_draft_assign (draft, v203, f->x, &error));
  g_assert_true (gf_layout_draft_assign (draft, v200, 0, &error));
  g_assert_true (gf_layout_draft_assign (draft, v204, f->y, &error));
  /* Already there: no step, no signal. */
  g_assert_true (gf_layout_draft_assign (draft, v204, f->y, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_true (gf_layout_draft_get_modified (draft));
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, v200), ==, 0);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, v203), ==, f->x);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, v204), ==, f->y);

  changes = gf_layout_draft_get_changes (draft);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpint (g_array_index (changes, GfLayoutMove, 0).village_id, ==, v200);
  g_assert_cmpint (g_array_index (changes, GfLayoutMove, 0).from_cluster, ==, f->x);
  g_assert_cmpint (g_array_index (changes, GfLayoutMove, 0).to_cluster, ==, 0);
  g_assert_cmpint (g_array_index (changes, GfLayoutMove, 2).village_id, ==, v204);
  g_assert_cmpint (g_array_index (changes, GfLayoutMove, 2).from_cluster, ==, 0);

  /* Nothing reached the database. */
  after = membership_of (f, 0);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_assert_cmpint (membership_get (after, v200), ==, f->x);
  g_assert_cmpint (membership_get (after, v203), ==, f->y);
  g_assert_cmpint (membership_get (after, v204), ==, 0);
  g_assert_cmpint (count (f->db, "layout"), ==, 1);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members);
  g_assert_cmpint (count (f->db, "audit_log"), ==, n_audit);
  g_assert_cmpuint (tables->len, ==, 0);

  g_assert_true (gf_layout_draft_save (draft, &error));
  g_assert_no_error (error);
  g_assert_false (gf_layout_draft_get_modified (draft));
  g_assert_cmpint (gf_layout_draft_get_saved_id (draft), >, f->current);
  g_assert_cmpuint (counts.modified, ==, 2);
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tables, 0), ==, "layout");

  layouts = gf_layout_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layouts->len, ==, 2);
  {
    const GfLayoutInfo *cur = g_ptr_array_index (layouts, 0);
    const GfLayoutInfo *draft_info = g_ptr_array_index (layouts, 1);

    g_assert_cmpstr (cur->name, ==, "现行布局");
    g_assert_true (cur->is_current);
    g_assert_cmpuint (cur->n_clusters, ==, 2);
    g_assert_cmpuint (cur->n_villages, ==, 4);
    g_assert_cmpstr (draft_info->name, ==, "草案");
    g_assert_false (draft_info->is_current);
    g_assert_cmpint (draft_info->id, ==, gf_layout_draft_get_saved_id (draft));
    g_assert_cmpuint (draft_info->n_clusters, ==, 2);
    g_assert_cmpuint (draft_info->n_villages, ==, 4);
    g_assert_nonnull (draft_info->created_at);
  }

  /* The current layout is as it was; the saved one is the draft. */
  g_clear_pointer (&after, g_hash_table_unref);
  after = membership_of (f, 0);
  g_assert_cmpint (membership_get (after, v200), ==, f->x);
  g_assert_cmpint (membership_get (after, v203), ==, f->y);
  saved = membership_of (f, gf_layout_draft_get_saved_id (draft));
  g_assert_cmpuint (g_hash_table_size (saved), ==, 4);
  g_assert_cmpint (membership_get (saved, v200), ==, 0);
  g_assert_cmpint (membership_get (saved, v203), ==, f->x);
  g_assert_cmpint (membership_get (saved, v204), ==, f->y);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members + 4);

  g_signal_handlers_disconnect_by_data (f->db, tables);
}

static void
test_draft_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutDraft) draft = gf_layout_draft_new_from (f->db, f->current, NULL, &error);
  gint64 lasso[] = { village (f, "10"), village (f, "11"), village (f, "00"), village (f, "10") };
  gint64 unknown[] = { village (f, "12"), 999999 };

  g_assert_no_error (error);
  g_assert_false (gf_layout_draft_can_undo (draft));
  g_assert_false (gf_layout_draft_undo (draft));

  /* A lasso of four (210 twice, 200 taken from X): one step. */
  g_assert_true (gf_layout_draft_assign_many (draft, lasso, G_N_ELEMENTS (lasso), f->z, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[0]), ==, f->z);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[1]), ==, f->z);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[2]), ==, f->z);
  {
    g_autoptr(GArray) members = gf_layout_draft_get_members (draft, f->z);

    g_assert_cmpuint (members->len, ==, 3);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, lasso[2]);
  }
  g_assert_true (gf_layout_draft_assign (draft, lasso[0], f->y, &error));
  g_assert_no_error (error);

  /* Unknown villages or clusters change nothing. */
  g_assert_false (gf_layout_draft_assign_many (draft, unknown, 2, f->x, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, unknown[0]), ==, 0);
  g_assert_false (gf_layout_draft_assign (draft, unknown[0], 424242, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gf_layout_draft_undo (draft));
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[0]), ==, f->z);
  g_assert_true (gf_layout_draft_undo (draft));
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[0]), ==, 0);
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[2]), ==, f->x);
  g_assert_false (gf_layout_draft_get_modified (draft));
  g_assert_false (gf_layout_draft_can_undo (draft));
  g_assert_true (gf_layout_draft_can_redo (draft));

  g_assert_true (gf_layout_draft_redo (draft));
  g_assert_cmpint (gf_layout_draft_get_cluster (draft, lasso[2]), ==, f->z);
  g_assert_true (gf_layout_draft_get_modified (draft));

  /* A new change drops the redo steps. */
  g_assert_true (gf_layout_draft_assign (draft, lasso[2], f->x, &error));
  g_assert_false (gf_layout_draft_can_redo (draft));
  g_assert_false (gf_layout_draft_redo (draft));

  /* A draft without a name cannot be saved. */
  g_assert_false (gf_layout_draft_save (draft, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_INVALID);
  g_clear_error (&error);
  gf_layout_draft_set_name (draft, "  ");
  g_assert_false (gf_layout_draft_save (draft, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_INVALID);
  g_assert_cmpint (count (f->db, "layout"), ==, 1);
}

/* Totals */

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutTotals) current = NULL;
  g_autoptr(GfLayoutTotals) planned = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  const GfLayoutClusterTotals *x, *y;
  double area_202 = boundary_km2 (f, "02"), area_204 = boundary_km2 (f, "04");

  /* A square of 0.01° at 30° N: 1.113 km × 0.963 km. */
  g_assert_cmpfloat (area_202, >, 1.06);
  g_assert_cmpfloat (area_202, <, 1.08);

  current = gf_layout_totals_for_layout (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (current->year, ==, 2024);
  g_assert_cmpuint (current->clusters->len, ==, 2);
  g_assert_cmpuint (current->n_unassigned, ==, 19 - 4);

  x = g_ptr_array_index (current->clusters, 0);
  g_assert_cmpint (x->cluster_id, ==, f->x);
  g_assert_cmpstr (x->name, ==, "X");
  g_assert_cmpstr (x->color, ==, "#D55E00");
  g_assert_cmpuint (x->n_villages, ==, 2);
  /* 1.5 + 2.25 km², and 3.75 km² × 1,500 亩/km². */
  assert_value (x->area_km2, 3.75);
  assert_value (x->area_mu, 5625);
  g_assert_cmpuint (x->n_area_known, ==, 2);
  g_assert_cmpint (x->population, ==, 4000);
  g_assert_cmpuint (x->n_population_known, ==, 2);
  /* Sum 30 + 40; derived (30 + 12 + 8) + (40 + 20 + 5); weighted by population
   * (30000·1000 + 40000·3000) / 4000; rent weighted by land (800·100 + 1000·300) / 400. */
  assert_value (value_of (current, x, "coll_business_income"), 70);
  assert_value (value_of (current, x, "coll_operating_income"), 115);
  assert_value (value_of (current, x, "income_per_capita_disposable"), 37500);
  assert_value (value_of (current, x, "land_transferred"), 400);
  assert_value (value_of (current, x, "rent_to_villagers"), 950);
  assert_value (value_of (current, x, "tourism_income"), NAN);
  g_assert_cmpuint (reporting_of (current, x, "coll_business_income"), ==, 2);
  g_assert_cmpuint (reporting_of (current, x, "tourism_income"), ==, 0);

  y = g_ptr_array_index (current->clusters, 1);
  g_assert_cmpint (y->cluster_id, ==, f->y);
  /* 202 has no stored area: its boundary's. */
  assert_value (y->area_km2, area_202 + 0.75);
  assert_value (y->area_mu, (area_202 + 0.75) * 1500);
  g_assert_cmpint (y->population, ==, 2500);
  assert_value (value_of (current, y, "coll_business_income"), 35);
  assert_value (value_of (current, y, "coll_operating_income"), 60);
  /* (35000·2000 + 28000·500) / 2500 */
  assert_value (value_of (current, y, "income_per_capita_disposable"), 33600);
  assert_value (value_of (current, y, "land_transferred"), 200);
  g_assert_cmpuint (reporting_of (current, y, "land_transferred"), ==, 1);
  /* 203 has no land transferred to weigh its rent: only 202's. */
  assert_value (value_of (current, y, "rent_to_villagers"), 900);

  /* The same through a draft: 203 joins X, 202 leaves Y, 204 joins Y. */
  draft = gf_layout_draft_new_from (f->db, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gf_layout_draft_assign (draft, village (f, "03"), f->x, &error));
  g_assert_true (gf_layout_draft_assign (draft, village (f, "02"), 0, &error));
  g_assert_true (gf_layout_draft_assign (draft, village (f, "04"), f->y, &error));
  g_assert_no_error (error);

  planned = gf_layout_totals (f->db, gf_layout_draft_get_membership (draft), 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (planned->clusters->len, ==, 2);
  g_assert_cmpuint (planned->n_unassigned, ==, 19 - 4);

  x = gf_layout_totals_find_cluster (planned, f->x);
  g_assert_cmpuint (x->n_villages, ==, 3);
  assert_value (x->area_km2, 4.5);
  assert_value (x->area_mu, 6750);
  g_assert_cmpint (x->population, ==, 4500);
  assert_value (value_of (planned, x, "coll_business_income"), 80);
  assert_value (value_of (planned, x, "coll_operating_income"), 135);
  /* (30000·1000 + 40000·3000 + 28000·500) / 4500 = 164,000,000 / 4500 */
  assert_value (value_of (planned, x, "income_per_capita_disposable"), 164000000.0 / 4500);
  assert_value (value_of (planned, x, "land_transferred"), 400);
  assert_value (value_of (planned, x, "rent_to_villagers"), 950);

  y = gf_layout_totals_find_cluster (planned, f->y);
  g_assert_cmpuint (y->n_villages, ==, 1);
  assert_value (y->area_km2, area_204);
  g_assert_cmpint (y->population, ==, 800);
  assert_value (value_of (planned, y, "coll_business_income"), NAN);
  assert_value (value_of (planned, y, "income_per_capita_disposable"), NAN);
  g_assert_null (gf_layout_totals_find_cluster (planned, f->z));

  /* The draft's totals left the current layout alone. */
  g_clear_pointer (&current, gf_layout_totals_free);
  current = gf_layout_totals_for_layout (f->db, 0, 2024, &error);
  g_assert_no_error (error);
  assert_value (value_of (current, gf_layout_totals_find_cluster (current, f->x),
                          "coll_operating_income"), 115);
}

static void
assert_delta (const GfLayoutDelta *d,
              double               a,
              double               b,
              double               diff,
              double               percent)
{
  assert_value (d->a, a);
  assert_value (d->b, b);
  assert_value (d->diff, diff);
  assert_value (d->percent, percent);
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutTotals) current = NULL;
  g_autoptr(GfLayoutTotals) planned = NULL;
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GfLayoutDraft) draft = NULL;
  g_autoptr(JsonNode) json = NULL;
  const GfLayoutClusterComparison *x, *y, *z;
  int operating, disposable, business;
  double area_202 = boundary_km2 (f, "02"), area_204 = boundary_km2 (f, "04");
  double area_205 = boundary_km2 (f, "05");
  JsonObject *root, *cluster;

  draft = gf_layout_draft_new_from (f->db, 0, NULL, &error);
  g_assert_true (gf_layout_draft_assign (draft, village (f, "03"), f->x, &error));
  g_assert_true (gf_layout_draft_assign (draft, village (f, "02"), 0, &error));
  g_assert_true (gf_layout_draft_assign (draft, village (f, "04"), f->y, &error));
  g_assert_true (gf_layout_draft_assign (draft, village (f, "05"), f->z, &error));
  g_assert_no_error (error);

  current = gf_layout_totals_for_layout (f->db, f->current, 2024, &error);
  g_assert_no_error (error);
  planned = gf_layout_totals (f->db, gf_layout_draft_get_membership (draft), 2024, &error);
  g_assert_no_error (error);

  comparison = gf_layout_compare (current, planned);
  g_assert_cmpint (comparison->year, ==, 2024);
  g_assert_cmpuint (comparison->clusters->len, ==, 3);
  operating = gf_layout_totals_find_indicator (current, "coll_operating_income");
  disposable = gf_layout_totals_find_indicator (current, "income_per_capita_disposable");
  business = gf_layout_totals_find_indicator (current, "coll_business_income");

  x = gf_layout_comparison_find_cluster (comparison, f->x);
  g_assert_true (x->in_a && x->in_b);
  assert_delta (&x->villages, 2, 3, 1, 50);
  assert_delta (&x->area_km2, 3.75, 4.5, 0.75, 20);
  assert_delta (&x->area_mu, 5625, 6750, 1125, 20);
  assert_delta (&x->population, 4000, 4500, 500, 12.5);
  /* 115 → 135: +20, +20/115 = 17.391…% */
  assert_delta (&x->values[operating], 115, 135, 20, 2000.0 / 115);
  /* 37500 → 36444.4…: −1055.5…, −2.814…% */
  assert_delta (&x->values[disposable], 37500, 164000000.0 / 4500,
                164000000.0 / 4500 - 37500, (164000000.0 / 4500 - 37500) / 375);

  y = gf_layout_comparison_find_cluster (comparison, f->y);
  assert_delta (&y->villages, 2, 1, -1, -50);
  assert_delta (&y->area_km2, area_202 + 0.75, area_204, area_204 - area_202 - 0.75,
                (area_204 - area_202 - 0.75) / (area_202 + 0.75) * 100);
  assert_delta (&y->population, 2500, 800, -1700, -68);
  /* Nobody of the new Y reported: no difference rather than a fall to zero. */
  assert_delta (&y->values[business], 35, NAN, NAN, NAN);

  /* Z has members in the draft only: from 0, so no percentage. */
  z = gf_layout_comparison_find_cluster (comparison, f->z);
  g_assert_false (z->in_a);
  g_assert_true (z->in_b);
  assert_delta (&z->villages, 0, 1, 1, NAN);
  assert_delta (&z->area_km2, 0, area_205, area_205, NAN);
  assert_delta (&z->population, 0, 0, 0, NAN);
  assert_delta (&z->values[business], NAN, NAN, NAN, NAN);

  json = gf_layout_comparison_to_json (comparison);
  root = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  cluster = json_array_get_object_element (json_object_get_array_member (root, "clusters"), 0);
  g_assert_cmpstr (json_object_get_string_member (cluster, "name"), ==, "X");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (cluster,
                                                                                   "villages"),
                                                    "diff"), ==, 1);
  cluster = json_array_get_object_element (json_object_get_array_member (root, "clusters"), 2);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (cluster,
                                                                             "villages"),
                                              "percent"));
}

/* Saving, the current layout, renames and deletes */

static void
test_save_transaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutDraft) first = gf_layout_draft_new_from (f->db, 0, "方案甲", &error);
  g_autoptr(GfLayoutDraft) second = NULL;
  g_autoptr(GfLayoutDraft) reopened = NULL;
  g_autoptr(GHashTable) saved = NULL;
  gint64 n_layouts, n_members, n_audit, first_id;

  g_assert_no_error (error);
  g_assert_true (gf_layout_draft_save (first, &error));
  g_assert_no_error (error);
  first_id = gf_layout_draft_get_saved_id (first);

  /* A second draft under the same name: nothing written at all. */
  second = gf_layout_draft_new_from (f->db, 0, "方案甲", &error);
  g_assert_true (gf_layout_draft_assign (second, village (f, "15"), f->z, &error));
  n_layouts = count (f->db, "layout");
  n_members = count (f->db, "cluster_member");
  n_audit = count (f->db, "audit_log");
  g_assert_false (gf_layout_draft_save (second, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "layout"), ==, n_layouts);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members);
  g_assert_cmpint (count (f->db, "audit_log"), ==, n_audit);
  g_assert_cmpint (gf_layout_draft_get_saved_id (second), ==, 0);
  g_assert_true (gf_layout_draft_get_modified (second));
  g_assert_false (gf_database_in_transaction (f->db));

  /* Under another name it saves; saving again replaces its own layout's members. */
  g_assert_true (gf_layout_draft_save_as (second, "方案乙", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gf_layout_draft_get_name (second), ==, "方案乙");
  g_assert_cmpint (count (f->db, "layout"), ==, n_layouts + 1);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members + 5);
  g_assert_true (gf_layout_draft_assign (second, village (f, "00"), 0, &error));
  g_assert_true (gf_layout_draft_assign (second, village (f, "01"), 0, &error));
  gf_layout_draft_set_name (second, "方案乙（修改）");
  g_assert_true (gf_layout_draft_save (second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "layout"), ==, n_layouts + 1);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members + 3);
  saved = membership_of (f, gf_layout_draft_get_saved_id (second));
  g_assert_cmpint (membership_get (saved, village (f, "15")), ==, f->z);
  g_assert_cmpint (membership_get (saved, village (f, "00")), ==, 0);

  /* Renaming the saved layout to a taken name fails and leaves it saved as it was. */
  gf_layout_draft_set_name (second, "方案甲");
  g_assert_false (gf_layout_draft_save (second, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autoptr(GfLayoutInfo) info = gf_layout_find (f->db, "方案乙（修改）", &error);

    g_assert_no_error (error);
    g_assert_cmpint (info->id, ==, gf_layout_draft_get_saved_id (second));
  }

  /* A saved layout opened again edits that layout. */
  reopened = gf_layout_draft_open (f->db, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_layout_draft_get_name (reopened), ==, "方案甲");
  g_assert_cmpint (gf_layout_draft_get_saved_id (reopened), ==, first_id);
  g_assert_true (gf_layout_draft_assign (reopened, village (f, "25"), f->z, &error));
  g_assert_true (gf_layout_draft_save (reopened, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_hash_table_unref);
  saved = membership_of (f, first_id);
  g_assert_cmpuint (g_hash_table_size (saved), ==, 5);

  /* Once current, it is no longer saved into: the current layout changes only on purpose. */
  g_assert_true (gf_layout_make_current (f->db, first_id, &error));
  g_assert_no_error (error);
  g_assert_true (gf_layout_draft_assign (reopened, village (f, "24"), f->z, &error));
  n_members = count (f->db, "cluster_member");
  g_assert_false (gf_layout_draft_save (reopened, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_CURRENT);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members);
  g_clear_pointer (&saved, g_hash_table_unref);
  saved = membership_of (f, 0);
  g_assert_cmpuint (g_hash_table_size (saved), ==, 5);
}

static guint
count_current (Fixture *f,
               gint64  *current_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layouts = gf_layout_list (f->db, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < layouts->len; i++)
    {
      const GfLayoutInfo *info = g_ptr_array_index (layouts, i);

      if (info->is_current)
        {
          n++;
          *current_id = info->id;
        }
    }

  return n;
}

static void
test_make_current (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutDraft) a = gf_layout_draft_new_from (f->db, 0, "甲", &error);
  g_autoptr(GfLayoutDraft) b = gf_layout_draft_new_from (f->db, 0, "乙", &error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  gint64 current_id = 0;

  g_assert_true (gf_layout_draft_save (a, &error));
  g_assert_true (gf_layout_draft_save (b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_current (f, &current_id), ==, 1);
  g_assert_cmpint (current_id, ==, f->current);

  g_signal_connect (f->db, "changed", G_CALLBACK (database_changed_cb), tables);
  g_assert_true (gf_layout_make_current (f->db, gf_layout_draft_get_saved_id (b), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_current (f, &current_id), ==, 1);
  g_assert_cmpint (current_id, ==, gf_layout_draft_get_saved_id (b));
  g_assert_cmpuint (tables->len, ==, 1);

  /* Again: nothing changes, nothing is announced. */
  g_assert_true (gf_layout_make_current (f->db, gf_layout_draft_get_saved_id (b), &error));
  g_assert_cmpuint (tables->len, ==, 1);

  g_assert_true (gf_layout_make_current (f->db, f->current, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_current (f, &current_id), ==, 1);
  g_assert_cmpint (current_id, ==, f->current);

  g_assert_false (gf_layout_make_current (f->db, 999999, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_current (f, &current_id), ==, 1);

  g_signal_handlers_disconnect_by_data (f->db, tables);
}

static void
test_rename_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutDraft) draft = gf_layout_draft_new_from (f->db, 0, "草案", &error);
  g_autoptr(GfLayoutInfo) info = NULL;
  gint64 id, n_members;

  g_assert_true (gf_layout_draft_save (draft, &error));
  g_assert_no_error (error);
  id = gf_layout_draft_get_saved_id (draft);

  g_assert_false (gf_layout_rename (f->db, id, "现行布局", &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (gf_layout_rename (f->db, id, "", &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gf_layout_rename (f->db, id, " 调整方案二 ", &error));
  g_assert_no_error (error);
  info = gf_layout_find (f->db, "调整方案二", &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->id, ==, id);
  /* The current layout may be renamed: its name is not its content. */
  g_assert_true (gf_layout_rename (f->db, f->current, "现行布局2026", &error));
  g_assert_no_error (error);

  n_members = count (f->db, "cluster_member");
  g_assert_false (gf_layout_delete (f->db, f->current, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_CURRENT);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "layout"), ==, 2);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members);

  g_assert_true (gf_layout_delete (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "layout"), ==, 1);
  g_assert_cmpint (count (f->db, "cluster_member"), ==, n_members - 4);
  g_assert_null (gf_layout_find (f->db, "调整方案二", &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The draft's layout is gone: saving it again asks for a new name. */
  g_assert_true (gf_layout_draft_assign (draft, village (f, "20"), f->z, &error));
  g_assert_false (gf_layout_draft_save (draft, &error));
  g_assert_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (gf_layout_draft_save_as (draft, "调整方案三", &error));
  g_assert_no_error (error);
}

/* Shapes */

static GfLayoutGeometry *
load_geometry (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GfLayoutGeometry *geometry = gf_layout_geometry_load (f->db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (geometry);
  return geometry;
}

static void
put_all (Fixture           *f,
         GHashTable        *membership,
         gint64             cluster_id,
         const char * const *suffixes)
{
  for (guint i = 0; suffixes[i] != NULL; i++)
    membership_put (membership, village (f, suffixes[i]), cluster_id);
}

static void
test_neighbours (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GfLayoutGeometry) geometry = load_geometry (f);
  const gint64 *neighbours;
  guint n = 0;

  neighbours = gf_layout_geometry_get_neighbours (geometry, village (f, "11"), &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (neighbours[0], ==, village (f, "01"));
  g_assert_cmpint (neighbours[1], ==, village (f, "10"));
  g_assert_cmpint (neighbours[2], ==, village (f, "12"));
  g_assert_cmpint (neighbours[3], ==, village (f, "21"));

  neighbours = gf_layout_geometry_get_neighbours (geometry, village (f, "00"), &n);
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (gf_layout_geometry_are_neighbours (geometry, village (f, "00"),
                                                    village (f, "01")));
  g_assert_true (gf_layout_geometry_are_neighbours (geometry, village (f, "01"),
                                                    village (f, "00")));
  /* Corners only: not neighbours. */
  g_assert_false (gf_layout_geometry_are_neighbours (geometry, village (f, "00"),
                                                     village (f, "11")));
  g_assert_false (gf_layout_geometry_are_neighbours (geometry, village (f, "00"),
                                                     village (f, "02")));
  g_assert_null (gf_layout_geometry_get_neighbours (geometry, village (f, "99"), &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_contiguity (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const checker_x[] = { "00", "11", NULL };
  static const char * const checker_y[] = { "01", "10", NULL };
  static const char * const l_shape[] = { "02", "03", "04", "12", "22", NULL };
  static const char * const split[] = { "05", "15", "25", "23", NULL };
  g_autoptr(GfLayoutGeometry) geometry = load_geometry (f);
  g_autoptr(GHashTable) membership = membership_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  const GfLayoutWarning *w;
  GfLayoutShape shape;

  /* A checkerboard split of the 2 × 2 block at the corner: X and Y each touch only by a
   * corner. The L-shape is one part, as is Z's column; Z's extra village 223 is apart. */
  put_all (f, membership, f->x, checker_x);
  put_all (f, membership, f->y, checker_y);
  put_all (f, membership, f->z, l_shape);

  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->x, &shape));
  g_assert_cmpuint (shape.n_members, ==, 2);
  g_assert_cmpuint (shape.n_parts, ==, 2);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->z, &shape));
  g_assert_cmpuint (shape.n_members, ==, 5);
  g_assert_cmpuint (shape.n_parts, ==, 1);
  g_assert_cmpfloat (shape.elongation, <, 2);

  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, ==, 2);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (w->kind, ==, GF_LAYOUT_WARNING_NOT_CONTIGUOUS);
  g_assert_cmpint (w->cluster_id, ==, f->x);
  g_assert_cmpstr (w->cluster_name, ==, "X");
  g_assert_cmpuint (w->n_parts, ==, 2);
  /* Equal parts: the one with the smaller village id stays, the other is the stray. */
  g_assert_cmpuint (w->stray_villages->len, ==, 1);
  g_assert_cmpint (g_array_index (w->stray_villages, gint64, 0), ==, village (f, "11"));
  g_assert_nonnull (strstr (w->message, "“X”"));
  w = g_ptr_array_index (warnings, 1);
  g_assert_cmpint (w->kind, ==, GF_LAYOUT_WARNING_NOT_CONTIGUOUS);
  g_assert_cmpint (w->cluster_id, ==, f->y);
  g_assert_cmpint (g_array_index (w->stray_villages, gint64, 0), ==, village (f, "10"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Z as a column of three and a village two columns away: two parts, the single one
   * stray. */
  g_hash_table_remove_all (membership);
  put_all (f, membership, f->z, split);
  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, >=, 1);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (w->kind, ==, GF_LAYOUT_WARNING_NOT_CONTIGUOUS);
  g_assert_cmpuint (w->n_parts, ==, 2);
  g_assert_cmpuint (w->stray_villages->len, ==, 1);
  g_assert_cmpint (g_array_index (w->stray_villages, gint64, 0), ==, village (f, "23"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A village without a boundary counts in neither measure. */
  g_hash_table_remove_all (membership);
  put_all (f, membership, f->z, l_shape);
  membership_put (membership, village (f, "99"), f->z);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->z, &shape));
  g_assert_cmpuint (shape.n_members, ==, 6);
  g_assert_cmpuint (shape.n_without_boundary, ==, 1);
  g_assert_cmpuint (shape.n_parts, ==, 1);
  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_false (gf_layout_geometry_shape (geometry, membership, f->x, &shape));
}

static void
test_elongation (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const strip[] = { "00", "01", "02", "03", "04", "05", NULL };
  static const char * const block[] = { "00", "01", "10", "11", "20", "21", NULL };
  static const char * const short_strip[] = { "00", "01", "02", "03", NULL };
  g_autoptr(GfLayoutGeometry) geometry = load_geometry (f);
  g_autoptr(GHashTable) membership = membership_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMapData) map = NULL;
  g_autoptr(GfLayoutGeometry) from_map = NULL;
  const GfLayoutWarning *w;
  GfLayoutShape shape, map_shape;
  double k_strip = cos (30.005 * G_PI / 180), k_block = cos (30.015 * G_PI / 180);

  /* A 1 × 6 strip: 0.06° × 0.01°, a degree of longitude being cos(30.005°) of one of
   * latitude: 6·cos(30.005°) = 5.196 times as long as wide. */
  put_all (f, membership, f->x, strip);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->x, &shape));
  g_assert_cmpuint (shape.n_parts, ==, 1);
  g_assert_cmpfloat_with_epsilon (shape.elongation, 6 * k_strip, 1e-9);
  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, ==, 1);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (w->kind, ==, GF_LAYOUT_WARNING_ELONGATED);
  g_assert_cmpint (w->cluster_id, ==, f->x);
  g_assert_cmpfloat_with_epsilon (w->elongation, 6 * k_strip, 1e-9);
  g_assert_cmpuint (w->stray_villages->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* The map's rings give the same measures (Web Mercator keeps the proportions). */
  map = gf_map_data_load (f->db, 0, &error);
  g_assert_no_error (error);
  from_map = gf_layout_geometry_new_for_map (map);
  g_assert_true (gf_layout_geometry_shape (from_map, membership, f->x, &map_shape));
  g_assert_cmpuint (map_shape.n_parts, ==, 1);
  g_assert_cmpfloat_with_epsilon (map_shape.elongation, shape.elongation, 1e-3);
  g_assert_true (gf_layout_geometry_are_neighbours (from_map, village (f, "00"),
                                                    village (f, "01")));
  g_assert_false (gf_layout_geometry_are_neighbours (from_map, village (f, "00"),
                                                     village (f, "11")));

  /* A 2 × 3 block: 0.03° / (0.02°·cos 30.015°) = 1.73, not elongated. */
  g_hash_table_remove_all (membership);
  put_all (f, membership, f->y, block);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->y, &shape));
  g_assert_cmpfloat_with_epsilon (shape.elongation, 1.5 / k_block, 1e-9);
  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A strip of four: 4·cos(30.005°) = 3.46, under the limit of 4. */
  g_hash_table_remove_all (membership);
  put_all (f, membership, f->y, short_strip);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->y, &shape));
  g_assert_cmpfloat_with_epsilon (shape.elongation, 4 * k_strip, 1e-9);
  warnings = gf_layout_check (geometry, membership);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* One village alone has no elongation to speak of. */
  g_hash_table_remove_all (membership);
  membership_put (membership, village (f, "00"), f->y);
  g_assert_true (gf_layout_geometry_shape (geometry, membership, f->y, &shape));
  g_assert_true (isnan (shape.elongation));
}

/* The command line */

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *x;
  JsonArray *moved;

  if (!gf_have_cli ())
    return;

  dir = g_dir_make_tmp ("gf-layout-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "grid.sqlite", NULL);
  {
    g_autoptr(GfDatabase) db = gf_database_open (db_path, GF_DATABASE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    fill_database (db);
  }

  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "list", db_path, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "* 现行布局 (current) — clusters: 2, villages: 4"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "copy", db_path, "现行布局", "草案", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  /* The current layout is not edited in place. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "现行布局", "339901101203", "X",
                                     NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "copy it to a draft first"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", "339901101203", "X", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "村03 (339901101203) is now in cluster “X” of “草案”"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", "339901101202", "-", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", "339901101225", "Y", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  /* Errors write nothing: an unknown village or cluster, a wrong command line. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", "339901101777", "Y", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "339901101777"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", "339901101204", "W", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "“W”"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "assign", db_path, "草案", NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "frobnicate", db_path, NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "copy", db_path, "现行布局", "草案", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "“草案”"));
  }

  /* 草案: X = {200, 201, 203} with 202 gone between them, so 203 lies apart; Y = {225}. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "check", db_path, "草案", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "X: villages 3, parts 2, elongation"));
    g_assert_nonnull (strstr (r.out, "Cluster “X” is not contiguous"));
    g_assert_nonnull (strstr (r.out, "apart from the rest: 339901101203 村03"));
    g_assert_null (strstr (r.out, "Cluster “Y”"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "check", db_path, "现行布局", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "No warnings"));
  }

  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "compare", db_path, "现行布局", "草案", "--year",
                                     "2024", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "3 villages are in another cluster:"));
    g_assert_nonnull (strstr (r.out, "339901101202 村02: Y → no cluster"));
    g_assert_nonnull (strstr (r.out, "Villages: 2 → 3 (+1, +50.0%)"));
    g_assert_nonnull (strstr (r.out, "村级集体经济经营性收入 (万元): 115.00 → 135.00 (+20.00, +17.4%)"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "compare", db_path, "现行布局", "草案", "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    g_assert_no_error (error);
  }
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "b"),
                                                  "name"), ==, "草案");
  moved = json_object_get_array_member (root, "moved");
  g_assert_cmpuint (json_array_get_length (moved), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (moved, 0),
                                                  "village_code"), ==, "339901101202");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (moved, 0), "to"));
  x = json_array_get_object_element (json_object_get_array_member (root, "clusters"), 0);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (
                         json_object_get_object_member (x, "indicators"),
                         "coll_operating_income"), "diff"), ==, 20);

  /* Rename, make current, and the old current layout may then go. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "rename", db_path, "草案", "调整方案一", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "delete", db_path, "现行布局", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "current layout"));
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "current", db_path, "调整方案一", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "delete", db_path, "现行布局", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("layout", "list", db_path, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "* 调整方案一 (current) — clusters: 2, villages: 4"));
    g_assert_null (strstr (r.out, "现行布局"));
  }
  {
    g_autoptr(GfDatabase) db = gf_database_open (db_path, GF_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(GHashTable) current = NULL;
    gint64 id = 0;

    g_assert_no_error (error);
    current = gf_layout_get_membership (db, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (current), ==, 4);
    g_assert_true (gf_store_lookup_id (db, "village", "code", "339901101225", &id, &error));
    g_assert_cmpint (membership_get (current, id), ==, lookup (db, "cluster", "name", "Y"));
  }

  remove_database (db_path);
  g_rmdir (dir);
}

/* The sample district */

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_autoptr(GfLayoutInfo) current = NULL;
  g_autoptr(GfLayoutInfo) alternative = NULL;
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  g_autoptr(GArray) moves = NULL;
  g_autoptr(GfLayoutTotals) totals_a = NULL;
  g_autoptr(GfLayoutTotals) totals_b = NULL;
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GfLayoutGeometry) geometry = NULL;
  static const struct
  {
    const char *code;
    const char *from;
    const char *to;
  } expected[] = {
    { "339901102213", "源头共富", NULL },
    { "339901104219", "耕织原乡", "粮仓" },
    { "339901106207", NULL, "云上" },
    { "339901110204", NULL, "虹心·秘境" },
  };
  static const struct
  {
    const char *cluster;
    int         diff;
  } villages[] = {
    { "源头共富", -1 }, { "粮仓", 1 }, { "天路·共富菜园", 0 }, { "耕织原乡", -1 },
    { "云上", 1 }, { "虹心·秘境", 1 },
  };
  int business;

  g_assert_no_error (error);
  g_assert_true (gf_sample_load (db, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  current = gf_layout_find (db, "现行布局", &error);
  alternative = gf_layout_find (db, "调整方案一", &error);
  g_assert_no_error (error);
  g_assert_true (current->is_current);
  g_assert_false (alternative->is_current);
  g_assert_cmpuint (current->n_clusters, ==, 6);
  g_assert_cmpuint (current->n_villages, ==, 42);
  g_assert_cmpuint (alternative->n_villages, ==, 43);

  a = gf_layout_get_membership (db, current->id, &error);
  b = gf_layout_get_membership (db, alternative->id, &error);
  g_assert_no_error (error);
  moves = gf_layout_diff (a, b);
  g_assert_cmpuint (moves->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GfLayoutMove *move = &g_array_index (moves, GfLayoutMove, i);

      g_assert_cmpint (move->village_id, ==, lookup (db, "village", "code", expected[i].code));
      g_assert_cmpint (move->from_cluster, ==,
                       expected[i].from ? lookup (db, "cluster", "name", expected[i].from) : 0);
      g_assert_cmpint (move->to_cluster, ==,
                       expected[i].to ? lookup (db, "cluster", "name", expected[i].to) : 0);
    }

  totals_a = gf_layout_totals (db, a, 0, &error);
  g_assert_no_error (error);
  totals_b = gf_layout_totals (db, b, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (totals_a->year, ==, 2025);
  comparison = gf_layout_compare (totals_a, totals_b);
  g_assert_cmpuint (comparison->clusters->len, ==, 6);
  business = gf_layout_totals_find_indicator (totals_a, "coll_business_income");
  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      const GfLayoutClusterComparison *c =
        gf_layout_comparison_find_cluster (comparison, lookup (db, "cluster", "name",
                                                               villages[i].cluster));

      g_assert_nonnull (c);
      g_assert_cmpfloat (c->villages.diff, ==, villages[i].diff);
      if (villages[i].diff == 0)
        {
          g_assert_cmpfloat (c->population.diff, ==, 0);
          g_assert_cmpfloat (c->values[business].diff, ==, 0);
        }
      else
        g_assert_cmpfloat (c->population.diff, !=, 0);
    }

  /* The sample's clusters are contiguous in both layouts. */
  geometry = gf_layout_geometry_load (db, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) warnings = gf_layout_check (geometry, k == 0 ? a : b);

      for (guint w = 0; w < warnings->len; w++)
        g_assert_cmpint (((GfLayoutWarning *) g_ptr_array_index (warnings, w))->kind, !=,
                         GF_LAYOUT_WARNING_NOT_CONTIGUOUS);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/layout/draft/leaves-database", test_draft_leaves_database);
  ADD ("/core/layout/draft/undo", test_draft_undo);
  ADD ("/core/layout/totals", test_totals);
  ADD ("/core/layout/compare", test_compare);
  ADD ("/core/layout/save-transaction", test_save_transaction);
  ADD ("/core/layout/make-current", test_make_current);
  ADD ("/core/layout/rename-delete", test_rename_delete);
  ADD ("/core/layout/shape/neighbours", test_neighbours);
  ADD ("/core/layout/shape/contiguity", test_contiguity);
  ADD ("/core/layout/shape/elongation", test_elongation);
  g_test_add_func ("/core/layout/cli", test_cli);
  g_test_add_func ("/core/layout/sample", test_sample);

#undef ADD

  return g_test_run ();
}
