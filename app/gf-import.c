/* gf-import.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table-driven importers: each CSV kind is a list of columns (type, required, reference,
 * choices, Chinese header aliases) and a target table; GeoJSON kinds match features to records.
 * A whole file is one transaction, so a bad row leaves the database as it was.
 */

#define G_LOG_DOMAIN "gf-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gf-catalog.h"
#include "gf-csv.h"
#include "gf-geometry.h"
#include "gf-import-private.h"
#include "gf-store.h"

G_DEFINE_QUARK (gf-import-error-quark, gf_import_error)



struct _Import
{
  GfDatabase     *db;
  const char     *filename;
  GfImportFlags   flags;
  GHashTable     *ref_cache;     /* "table\x1fkey\x1fvalue" → gint64 id */
  gint64          source_id;
};

#define END { NULL }

/* Choices: the stored value first, then accepted Chinese spellings. */
static const char * const town_kinds[] = { "subdistrict|街道", "town|镇", "township|乡", NULL };
static const char * const village_kinds[] = { "village|村|行政村", "community|社区", NULL };
static const char * const alliance_levels[] = { "district|区级|区", "town|镇级|镇街",
                                                "cluster|组团", NULL };
static const char * const organization_kinds[] = {
  "department|部门", "town|镇街", "village|村社|村", "university|高校|院校", "enterprise|企业",
  "bank|银行|金融机构", "social|社会组织", "company|强村公司|集体公司", NULL
};
static const char * const site_kinds[] = {
  "agri_park|现代农业园区|农业园区", "integration_park|产业融合示范园|融合示范园",
  "logistics_centre|物流中心", "common_factory|共富工厂", "ecommerce_building|电商大楼",
  "service_centre|服务中心", "scenic_spot|景区|景点", "base|基地", NULL
};
static const char * const site_levels[] = { "national|国家级", "provincial|省级", "city|市级",
                                            "district|区级", NULL };
static const char * const activity_kinds[] = { "problem_solved|解决问题", "meeting|会议",
                                               "event|活动", "online|线上活动", NULL };
static const char * const finance_kinds[] = { "loan|贷款", "grant|扶持资金|捐助", NULL };
static const char * const talent_kinds[] = {
  "expert|专家", "graduate|大学生", "veteran|退伍军人", "xiangxian|乡贤", "new_farmer|新农人",
  "livestream_host|主播|网红", NULL
};
static const char * const score_components[] = { "task|任务", "growth|增长", "activity|活跃",
                                                 NULL };
static const char * const route_kinds[] = { "scenic_road|风情线|天路", "red_tourism|红色旅游",
                                            "industry_line|产业带", NULL };

static const Column district_columns[] = {
  { "code", "编码|代码|区划代码", "code", COL_CODE, TRUE, .code_length = 6 },
  { "name", "名称", "name", COL_TEXT, TRUE },
  END
};

static const Column town_columns[] = {
  { "code", "编码|代码|区划代码|统计用区划代码", "code", COL_CODE, TRUE, .code_length = 9 },
  { "name", "名称|镇街|镇街名称", "name", COL_TEXT, TRUE },
  { "kind", "类型", "kind", COL_ENUM, FALSE, .choices = town_kinds },
  END
};

static const Column village_columns[] = {
  { "code", "编码|代码|区划代码|统计用区划代码", "code", COL_CODE, TRUE, .code_length = 12 },
  { "name", "名称|村名|村社名称", "name", COL_TEXT, TRUE },
  { "town_code", "镇街编码|镇街代码|乡镇编码", "town_id", COL_REF, TRUE, "town", "code" },
  { "kind", "类型", "kind", COL_ENUM, FALSE, .choices = village_kinds },
  { "lon", "经度", "lon", COL_LON, FALSE },
  { "lat", "纬度", "lat", COL_LAT, FALSE },
  { "population", "人口|户籍人口", "population", COL_INT, FALSE },
  { "households", "户数", "households", COL_INT, FALSE },
  { "area_km2", "面积|面积(平方公里)", "area_km2", COL_REAL, FALSE },
  END
};

static const Column cluster_columns[] = {
  { "name", "组团|组团名称|名称", "name", COL_TEXT, TRUE },
  { "brand", "品牌", "brand", COL_TEXT, FALSE },
  { "industry", "主导产业|产业", "industry", COL_TEXT, FALSE },
  { "color", "颜色", "color", COL_COLOR, FALSE },
  { "town_code", "镇街编码", "town_id", COL_REF, FALSE, "town", "code" },
  { "description", "简介|说明", "description", COL_TEXT, FALSE },
  END
};

static const Column alliance_columns[] = {
  { "name", "联盟|联盟名称|名称", "name", COL_TEXT, TRUE },
  { "level", "层级|级别", "level", COL_ENUM, TRUE, .choices = alliance_levels },
  { "parent", "上级联盟", "parent_id", COL_REF, FALSE, "alliance", "name" },
  { "town_code", "镇街编码", "town_id", COL_REF, FALSE, "town", "code" },
  { "cluster", "组团", "cluster_id", COL_REF, FALSE, "cluster", "name" },
  END
};

static const Column organization_columns[] = {
  { "name", "单位|单位名称|名称", "name", COL_TEXT, TRUE },
  { "kind", "类型", "kind", COL_ENUM, TRUE, .choices = organization_kinds },
  { "town_code", "镇街编码", "town_id", COL_REF, FALSE, "town", "code" },
  { "village_code", "村编码|村社编码", "village_id", COL_REF, FALSE, "village", "code" },
  END
};

static const Column organization_owner_columns[] = {
  { "organization", "公司|单位", "organization_id", COL_REF, TRUE, "organization", "name" },
  { "village_code", "村编码|村社编码", "village_id", COL_REF, TRUE, "village", "code" },
  { "share_percent", "股份|持股比例", "share_percent", COL_PERCENT, TRUE, .positive = TRUE },
  END
};

static const Column alliance_member_columns[] = {
  { "alliance", "联盟", "alliance_id", COL_REF, TRUE, "alliance", "name" },
  { "organization", "单位|成员单位", "organization_id", COL_REF, TRUE, "organization", "name" },
  { "role", "角色|职责", "role", COL_TEXT, FALSE },
  { "joined_year", "加入年份", "joined_year", COL_YEAR, FALSE },
  END
};

static const Column site_columns[] = {
  { "name", "名称|站点名称", "name", COL_TEXT, TRUE },
  { "kind", "类型", "kind", COL_ENUM, TRUE, .choices = site_kinds },
  { "level", "级别", "level", COL_ENUM, TRUE, .choices = site_levels },
  { "lon", "经度", "lon", COL_LON, TRUE },
  { "lat", "纬度", "lat", COL_LAT, TRUE },
  { "cluster", "组团", "cluster_id", COL_REF, FALSE, "cluster", "name" },
  { "village_code", "村编码", "village_id", COL_REF, FALSE, "village", "code" },
  { "investment_wan", "投资|投资额(万元)", "investment_wan", COL_REAL, FALSE },
  { "year_opened", "建成年份|年份", "year_opened", COL_YEAR, FALSE },
  END
};

static const Column task_columns[] = {
  { "title", "任务|任务名称", "title", COL_TEXT, TRUE },
  { "alliance", "联盟", "alliance_id", COL_REF, FALSE, "alliance", "name" },
  { "cluster", "组团", "cluster_id", COL_REF, FALSE, "cluster", "name" },
  { "year", "年份|年度", "year", COL_YEAR, TRUE },
  { "due_date", "截止日期|完成时限", "due_date", COL_DATE, FALSE },
  { "progress", "进度|完成进度", "progress", COL_PERCENT, FALSE },
  END
};

static const Column activity_columns[] = {
  { "alliance", "联盟", "alliance_id", COL_REF, FALSE, "alliance", "name" },
  { "cluster", "组团", "cluster_id", COL_REF, FALSE, "cluster", "name" },
  { "kind", "类型", "kind", COL_ENUM, TRUE, .choices = activity_kinds },
  { "date", "日期", "date", COL_DATE, TRUE },
  { "count", "次数|数量", "count", COL_INT, FALSE },
  { "title", "名称|内容", "title", COL_TEXT, FALSE },
  END
};

static const Column finance_columns[] = {
  { "village_code", "村编码", "village_id", COL_REF, TRUE, "village", "code" },
  { "kind", "类型", "kind", COL_ENUM, TRUE, .choices = finance_kinds },
  { "product", "产品", "product", COL_TEXT, FALSE },
  { "provider", "机构|发放机构", "provider_id", COL_REF, FALSE, "organization", "name" },
  { "year", "年份|年度", "year", COL_YEAR, TRUE },
  { "amount_wan", "金额|金额(万元)", "amount_wan", COL_REAL, TRUE, .positive = TRUE },
  { "interest_saved_wan", "节省利息|节省利息(万元)", "interest_saved_wan", COL_REAL, FALSE },
  END
};

static const Column talent_columns[] = {
  { "name", "姓名", "name", COL_TEXT, TRUE },
  { "kind", "类型", "kind", COL_ENUM, TRUE, .choices = talent_kinds },
  { "specialty", "专长", "specialty", COL_TEXT, FALSE },
  { "cluster", "组团", "cluster_id", COL_REF, FALSE, "cluster", "name" },
  { "village_code", "村编码", "village_id", COL_REF, FALSE, "village", "code" },
  { "since_year", "年份|起始年份", "since_year", COL_YEAR, TRUE },
  END
};

static const Column score_rule_columns[] = {
  { "component", "类别|项目", "component", COL_ENUM, TRUE, .choices = score_components },
  { "indicator", "指标", "indicator_id", COL_REF, FALSE, "indicator", "code" },
  { "weight", "权重", "weight", COL_REAL, TRUE },
  END
};

static const Column cluster_member_columns[] = {
  { "layout", "方案|布局", NULL, COL_TEXT, TRUE },
  { "cluster", "组团", "cluster_id", COL_REF, TRUE, "cluster", "name" },
  { "village_code", "村编码|村社编码", "village_id", COL_REF, TRUE, "village", "code" },
  END
};

static gboolean check_district (Import *, GfStoreValue *, guint, GError **);
static gboolean check_town (Import *, GfStoreValue *, guint, GError **);
static gboolean check_score_rule (Import *, GfStoreValue *, guint, GError **);
static gboolean check_village (Import *, GfStoreValue *, guint, GError **);
static gboolean check_task (Import *, GfStoreValue *, guint, GError **);
static gboolean check_activity (Import *, GfStoreValue *, guint, GError **);

/* Indexed by GfImportKind. */
static const Kind kinds[GF_IMPORT_N_KINDS] = {
  [GF_IMPORT_DISTRICT] = { "district", "district", "id", district_columns, check_district,
                           "*" },
  [GF_IMPORT_TOWNS] = { "towns", "town", "code", town_columns, check_town, "code" },
  [GF_IMPORT_VILLAGES] = { "villages", "village", "code", village_columns, check_village,
                           "code" },
  [GF_IMPORT_CLUSTERS] = { "clusters", "cluster", "name", cluster_columns, NULL, "name" },
  [GF_IMPORT_CLUSTER_MEMBERS] = { "cluster_members", "cluster_member",
                                  "layout_id, village_id", cluster_member_columns, NULL,
                                  "layout,village_code" },
  [GF_IMPORT_ALLIANCES] = { "alliances", "alliance", "name", alliance_columns, NULL, "name" },
  [GF_IMPORT_ORGANIZATIONS] = { "organizations", "organization", "name", organization_columns,
                                NULL, "name" },
  [GF_IMPORT_ORGANIZATION_OWNERS] = { "organization_owners", "organization_owner",
                                      "organization_id, village_id",
                                      organization_owner_columns, NULL,
                                      "organization,village_code" },
  [GF_IMPORT_ALLIANCE_MEMBERS] = { "alliance_members", "alliance_member",
                                   "alliance_id, organization_id", alliance_member_columns,
                                   NULL, "alliance,organization" },
  [GF_IMPORT_SITES] = { "sites", "site", "name", site_columns, NULL, "name" },
  [GF_IMPORT_OBSERVATIONS] = { "observations", "observation", NULL, NULL, NULL },
  [GF_IMPORT_TASKS] = { "tasks", "task", NULL, task_columns, check_task },
  [GF_IMPORT_ACTIVITIES] = { "activities", "activity", NULL, activity_columns,
                             check_activity },
  [GF_IMPORT_FINANCE] = { "finance", "finance", NULL, finance_columns, NULL },
  [GF_IMPORT_TALENTS] = { "talents", "talent", NULL, talent_columns, NULL },
  [GF_IMPORT_SCORE_RULES] = { "score_rules", "score_rule", NULL, score_rule_columns,
                               check_score_rule, "component,indicator" },
  [GF_IMPORT_BOUNDARIES] = { "boundaries", NULL, NULL, NULL, NULL },
  [GF_IMPORT_ROUTES] = { "routes", "route", "name", NULL, NULL },
};

/*
 * _gf_import_get_columns:
 *
 * Returns: (transfer none) (nullable): the columns of a CSV kind, ended by an empty entry;
 *   %NULL for kinds that are not plain tables (observations, GeoJSON)
 */
const Column *
_gf_import_get_columns (GfImportKind  kind,
                        const char  **table)
{
  g_return_val_if_fail (kind < GF_IMPORT_N_KINDS, NULL);

  *table = kinds[kind].table;
  return kinds[kind].columns;
}

const char *
gf_import_kind_to_string (GfImportKind kind)
{
  g_return_val_if_fail (kind < GF_IMPORT_N_KINDS, NULL);

  return kinds[kind].name;
}

gboolean
gf_import_kind_from_string (const char   *text,
                            GfImportKind *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < GF_IMPORT_N_KINDS; i++)
    {
      if (g_str_equal (kinds[i].name, text))
        {
          *kind = (GfImportKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Errors name the file, the line and the field, as a clerk fixing the sheet needs them. */
G_GNUC_PRINTF (6, 7) static void
set_row_error (GError     **error,
               int          code,
               const char  *filename,
               guint        line,
               const char  *field,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    /* Translators: file name, line number, column name, then what is wrong */
    g_set_error (error, GF_IMPORT_ERROR, code, _("%s, line %u, field “%s”: %s"),
                 filename, line, field, message);
  else
    /* Translators: file name, line number, then what is wrong */
    g_set_error (error, GF_IMPORT_ERROR, code, _("%s, line %u: %s"), filename, line, message);
}

static guint
n_columns_of (const Column *columns)
{
  guint n = 0;

  while (columns[n].name != NULL)
    n++;

  return n;
}

static gboolean
header_matches (const Column *column,
                const char   *header)
{
  g_auto(GStrv) aliases = NULL;

  if (g_ascii_strcasecmp (column->name, header) == 0)
    return TRUE;

  if (column->aliases == NULL)
    return FALSE;

  aliases = g_strsplit (column->aliases, "|", -1);
  return g_strv_contains ((const char * const *) aliases, header);
}

/* Serial numbers and remarks are common in office sheets and carry nothing to import. */
static gboolean
is_ignored_header (const char *header)
{
  static const char * const ignored[] = { "", "序号", "备注", "note", "notes", "remark", NULL };

  return g_strv_contains (ignored, header);
}

/* Rows that sheets carry around the data: totals and unit lines. */
static gboolean
is_summary_row (const GfCsvRow *row)
{
  for (guint i = 0; i < row->n_fields; i++)
    {
      const char *cell = row->fields[i];

      if (*cell == '\0')
        continue;
      return g_str_has_prefix (cell, "合计") || g_str_has_prefix (cell, "总计")
             || g_str_has_prefix (cell, "小计") || g_str_has_prefix (cell, "单位");
    }

  return FALSE;
}

/* Numbers as sheets write them: "1,234.5", " 12 ", full-width digits are not expected. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p; p++)
    if (*p != ',' && *p != ' ')
      g_string_append_c (clean, *p);

  if (clean->len == 0)
    return FALSE;

  *value = g_ascii_strtod (clean->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  double d;

  if (!parse_number (text, &d) || d != floor (d) || fabs (d) > 9.0e15)
    return FALSE;

  *value = (gint64) d;
  return TRUE;
}

static const char *
match_choice (const char * const *choices,
              const char         *text)
{
  for (guint i = 0; choices[i] != NULL; i++)
    {
      g_auto(GStrv) spellings = g_strsplit (choices[i], "|", -1);

      if (g_strv_contains ((const char * const *) spellings, text))
        return g_intern_string (spellings[0]);
    }

  return NULL;
}

static char *
describe_choices (const char * const *choices)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      const char *bar = strchr (choices[i], '|');

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_len (text, choices[i], bar ? bar - choices[i] : (gssize) strlen (choices[i]));
    }

  return g_string_free (text, FALSE);
}

static gboolean
resolve_reference (Import      *import,
                   const char  *table,
                   const char  *key_column,
                   const char  *key,
                   gint64      *id,
                   GError     **error)
{
  g_autofree char *cache_key = g_strdup_printf ("%s\x1f%s\x1f%s", table, key_column, key);
  gint64 *cached = g_hash_table_lookup (import->ref_cache, cache_key);

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  if (!gf_store_lookup_id (import->db, table, key_column, key, id, error))
    return FALSE;

  if (*id != 0)
    g_hash_table_insert (import->ref_cache, g_steal_pointer (&cache_key),
                         g_memdup2 (id, sizeof *id));
  return TRUE;
}

static gboolean
parse_cell (Import        *import,
            const Column  *column,
            const char    *text,
            guint          line,
            GfStoreValue  *value,
            GError       **error)
{
  const char *filename = import->filename;
  double d;
  gint64 i;

  *value = (GfStoreValue) { GF_STORE_NULL };

  if (*text == '\0')
    {
      if (column->required)
        {
          set_row_error (error, GF_IMPORT_ERROR_MISSING, filename, line, column->name,
                         _("a value is required"));
          return FALSE;
        }
      return TRUE;
    }

  switch (column->type)
    {
    case COL_TEXT:
      *value = (GfStoreValue) { GF_STORE_TEXT, .s = text };
      return TRUE;

    case COL_CODE:
      if ((int) strlen (text) != column->code_length
          || strspn (text, "0123456789") != strlen (text))
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                         _("expected a code of %d digits, found “%s”"),
                         column->code_length, text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_TEXT, .s = text };
      return TRUE;

    case COL_INT:
      if (!parse_integer (text, &i) || i < 0)
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                         _("expected a whole number of zero or more, found “%s”"), text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_INT, .i = i };
      return TRUE;

    case COL_COLOR:
      if (strlen (text) != 7 || text[0] != '#' || strspn (text + 1, "0123456789abcdefABCDEF") != 6)
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                         _("expected a colour as #RRGGBB, found “%s”"), text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_TEXT, .s = text };
      return TRUE;

    case COL_REAL:
    case COL_PERCENT:
      if (column->positive && parse_number (text, &d) && d == 0)
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                         _("expected a number greater than zero, found “%s”"), text);
          return FALSE;
        }
      if (!parse_number (text, &d) || d < 0 || (column->type == COL_PERCENT && d > 100))
        {
          if (column->type == COL_PERCENT)
            set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                           _("expected a percentage from 0 to 100, found “%s”"), text);
          else
            set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                           _("expected a number of zero or more, found “%s”"), text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_REAL, .d = d };
      return TRUE;

    case COL_YEAR:
      if (!parse_integer (text, &i) || i < 1949 || i > 2100)
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                         _("expected a year such as 2024, found “%s”"), text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_INT, .i = i };
      return TRUE;

    case COL_DATE:
      {
        int y, m, dd;
        char tail;

        if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3
            || !g_date_valid_dmy (dd, m, y) || strlen (text) != 10)
          {
            set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                           _("expected a date as YYYY-MM-DD, found “%s”"), text);
            return FALSE;
          }
        *value = (GfStoreValue) { GF_STORE_TEXT, .s = text };
        return TRUE;
      }

    case COL_LON:
    case COL_LAT:
      {
        gboolean lon = column->type == COL_LON;

        if (!parse_number (text, &d) || (lon ? (d < 72.004 || d > 137.8347)
                                             : (d < 0.8293 || d > 55.8271)))
          {
            set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                           lon ? _("expected a longitude in China in degrees (73–135), found “%s”")
                               : _("expected a latitude in China in degrees (3–54), found “%s”"),
                           text);
            return FALSE;
          }
        *value = (GfStoreValue) { GF_STORE_REAL, .d = d };
        return TRUE;
      }

    case COL_ENUM:
      {
        const char *choice = match_choice (column->choices, text);

        if (choice == NULL)
          {
            g_autofree char *expected = describe_choices (column->choices);

            set_row_error (error, GF_IMPORT_ERROR_VALUE, filename, line, column->name,
                           _("“%s” is not one of: %s"), text, expected);
            return FALSE;
          }
        *value = (GfStoreValue) { GF_STORE_TEXT, .s = choice };
        return TRUE;
      }

    case COL_REF:
      if (!resolve_reference (import, column->ref_table, column->ref_key, text, &i, error))
        return FALSE;
      if (i == 0)
        {
          set_row_error (error, GF_IMPORT_ERROR_REFERENCE, filename, line, column->name,
                         _("no record “%s” exists; import it first"), text);
          return FALSE;
        }
      *value = (GfStoreValue) { GF_STORE_INT, .i = i };
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* A district code that its towns do not start with would silently orphan them. */
static gboolean
check_district (Import        *import,
                GfStoreValue  *values,
                guint          line,
                GError       **error)
{
  gint64 n_outside;

  n_outside = gf_store_count_towns_outside (import->db, values[0].s, error);
  if (n_outside < 0)
    return FALSE;

  if (n_outside > 0)
    {
      set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, line, "code",
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%d town in the database has a code that does not start with "
                                  "“%s”",
                                  "%d towns in the database have codes that do not start with "
                                  "“%s”", n_outside),
                     (int) n_outside, values[0].s);
      return FALSE;
    }

  return TRUE;
}

/* Growth is scored on an indicator; tasks and activity are not. */
static gboolean
check_score_rule (Import        *import,
                  GfStoreValue  *values,
                  guint          line,
                  GError       **error)
{
  gboolean growth = g_str_equal (values[0].s, "growth");

  if (growth != (values[1].type != GF_STORE_NULL))
    {
      set_row_error (error, growth ? GF_IMPORT_ERROR_MISSING : GF_IMPORT_ERROR_VALUE,
                     import->filename, line, "indicator",
                     growth ? _("a growth rule needs the indicator whose growth it scores")
                            : _("only growth rules name an indicator"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_town (Import        *import,
            GfStoreValue  *values,
            guint          line,
            GError       **error)
{
  const char *code = values[0].s;
  g_autofree char *district_code = NULL;

  if (!gf_store_lookup_text (import->db, "district", "code", 1, &district_code, error))
    return FALSE;

  if (district_code != NULL && !g_str_has_prefix (code, district_code))
    {
      set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, line, "code",
                     _("the town code “%s” does not start with the district code “%s”"),
                     code, district_code);
      return FALSE;
    }

  /* Statistical codes: town block 001–099 街道, 100–199 镇, 200–399 乡. */
  if (values[2].type == GF_STORE_NULL)
    {
      int block = atoi (code + 6);

      values[2] = (GfStoreValue) { GF_STORE_TEXT,
                                   .s = block < 100 ? "subdistrict"
                                        : block < 200 ? "town"
                                        : block < 400 ? "township" : "town" };
    }

  return TRUE;
}

static gboolean
check_village (Import        *import,
               GfStoreValue  *values,
               guint          line,
               GError       **error)
{
  const char *code = values[0].s;
  g_autofree char *town_code = NULL;

  if (!gf_store_lookup_text (import->db, "town", "code", values[2].i, &town_code, error))
    return FALSE;

  if (!g_str_has_prefix (code, town_code))
    {
      set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, line, "code",
                     _("the village code “%s” does not start with its town’s code “%s”"),
                     code, town_code);
      return FALSE;
    }

  /* Village block 0xx 社区 (residents' committees), otherwise 村. */
  if (values[3].type == GF_STORE_NULL)
    values[3] = (GfStoreValue) { GF_STORE_TEXT, .s = code[9] == '0' ? "community" : "village" };

  return TRUE;
}

/* Tasks and activities belong to an alliance or a cluster, or both. */
static gboolean
check_owner (Import              *import,
             const GfStoreValue  *alliance,
             const GfStoreValue  *cluster,
             guint                line,
             GError             **error)
{
  if (alliance->type == GF_STORE_NULL && cluster->type == GF_STORE_NULL)
    {
      set_row_error (error, GF_IMPORT_ERROR_MISSING, import->filename, line, NULL,
                     _("name an alliance or a cluster (or both)"));
      return FALSE;
    }

  return TRUE;
}

/* task_columns: title, alliance, cluster, year, due_date, progress */
static gboolean
check_task (Import        *import,
            GfStoreValue  *values,
            guint          line,
            GError       **error)
{
  if (!check_owner (import, &values[1], &values[2], line, error))
    return FALSE;

  /* An empty progress is a task not yet started; the column is NOT NULL. */
  if (values[5].type == GF_STORE_NULL)
    values[5] = (GfStoreValue) { GF_STORE_REAL, .d = 0 };

  return TRUE;
}

/* activity_columns: alliance, cluster, kind, date, count, title */
static gboolean
check_activity (Import        *import,
                GfStoreValue  *values,
                guint          line,
                GError       **error)
{
  if (!check_owner (import, &values[0], &values[1], line, error))
    return FALSE;

  /* An empty count is one activity; the column is NOT NULL and above 0. */
  if (values[4].type == GF_STORE_NULL)
    values[4] = (GfStoreValue) { GF_STORE_INT, .i = 1 };
  else if (values[4].i == 0)
    {
      set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, line, "count",
                     _("expected a count of 1 or more, found “0”"));
      return FALSE;
    }

  return TRUE;
}

/* Finds the header: the first of the first rows that holds every required column, past the
 * title rows that sheets often have above it. */
static gboolean
find_header (Import        *import,
             const GfCsv   *csv,
             const Kind    *kind,
             guint         *header_row,
             int          **column_index,
             GError       **error)
{
  const Column *columns = kind->columns;
  guint n_columns = n_columns_of (columns);
  guint n_rows = gf_csv_get_n_rows (csv);
  /* The row most like a header, to name the required column it lacks. */
  const char *best_missing = NULL;
  guint best_matches = 0;
  guint best_line = 0;

  for (guint r = 0; r < MIN (n_rows, 10u); r++)
    {
      const GfCsvRow *row = gf_csv_get_row (csv, r);
      g_autofree int *index = g_new (int, n_columns);
      const char *missing = NULL;
      guint matches = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          index[c] = -1;
          for (guint f = 0; f < row->n_fields; f++)
            if (header_matches (&columns[c], row->fields[f]))
              index[c] = (int) f;
          if (index[c] >= 0)
            matches++;
          else if (columns[c].required && missing == NULL)
            missing = columns[c].name;
        }

      if (missing != NULL)
        {
          if (matches > best_matches)
            {
              best_matches = matches;
              best_missing = missing;
              best_line = row->line;
            }
          continue;
        }

      for (guint f = 0; f < row->n_fields; f++)
        {
          gboolean known = is_ignored_header (row->fields[f]);

          for (guint c = 0; !known && c < n_columns; c++)
            known = index[c] == (int) f;
          if (!known)
            {
              set_row_error (error, GF_IMPORT_ERROR_FORMAT, import->filename, row->line,
                             row->fields[f], _("this column is not part of a “%s” file"),
                             kind->name);
              return FALSE;
            }
        }

      *header_row = r;
      *column_index = g_steal_pointer (&index);
      return TRUE;
    }

  if (best_missing != NULL)
    {
      set_row_error (error, GF_IMPORT_ERROR_MISSING, import->filename, best_line, best_missing,
                     _("this required column is missing from the header"));
      return FALSE;
    }

  {
    g_autoptr(GString) required = g_string_new (NULL);

    for (guint c = 0; c < n_columns; c++)
      if (columns[c].required)
        g_string_append_printf (required, "%s%s", required->len ? ", " : "", columns[c].name);

    g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_MISSING,
                 _("%s: no header row with the required columns (%s) in the first lines"),
                 import->filename, required->str);
  }
  return FALSE;
}

static gboolean
import_table_rows (Import          *import,
                   const Kind      *kind,
                   const GfCsv     *csv,
                   guint           *n_imported,
                   GfProgressFunc   progress,
                   gpointer         progress_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autofree int *index = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_columns = n_columns_of (kind->columns);
  g_autofree const char **db_columns = g_new0 (const char *, n_columns);
  g_autofree GfStoreValue *values = g_new0 (GfStoreValue, n_columns);
  gboolean is_members = kind == &kinds[GF_IMPORT_CLUSTER_MEMBERS];
  guint header_row;
  guint n_rows = gf_csv_get_n_rows (csv);
  g_auto(GStrv) unique = kind->unique ? g_strsplit (kind->unique, ",", -1) : NULL;

  if (!find_header (import, csv, kind, &header_row, &index, error))
    return FALSE;

  for (guint c = 0; c < n_columns; c++)
    /* cluster_member's layout column becomes layout_id below. */
    db_columns[c] = kind->columns[c].column ? kind->columns[c].column : "layout_id";

  for (guint r = header_row + 1; r < n_rows; r++)
    {
      const GfCsvRow *row = gf_csv_get_row (csv, r);

      if (gf_csv_row_is_blank (row) || is_summary_row (row))
        continue;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = index[c] >= 0 && (guint) index[c] < row->n_fields
                             ? row->fields[index[c]] : "";

          if (!parse_cell (import, &kind->columns[c], text, row->line, &values[c], error))
            return FALSE;
        }

      if (kind->check_row && !kind->check_row (import, values, row->line, error))
        return FALSE;

      /* The same key twice in one file is a mistake in the sheet, not an update. */
      if (unique != NULL)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          const char *field = unique[0];
          gpointer first_line;

          for (guint u = 0; unique[u] != NULL && !g_str_equal (unique[u], "*"); u++)
            for (guint c = 0; c < n_columns; c++)
              if (g_str_equal (kind->columns[c].name, unique[u]))
                {
                  const char *text = index[c] >= 0 && (guint) index[c] < row->n_fields
                                     ? row->fields[index[c]] : "";

                  g_string_append_printf (key, "%s\x1f", text);
                  field = unique[u];
                }

          first_line = g_hash_table_lookup (seen, key->str);
          if (first_line != NULL)
            {
              if (g_str_equal (unique[0], "*"))
                set_row_error (error, GF_IMPORT_ERROR_DUPLICATE, import->filename, row->line,
                               NULL, _("this file holds one row only; it was given on line %u"),
                               GPOINTER_TO_UINT (first_line));
              else
                set_row_error (error, GF_IMPORT_ERROR_DUPLICATE, import->filename, row->line,
                               field, _("the same record is already given on line %u"),
                               GPOINTER_TO_UINT (first_line));
              return FALSE;
            }
          g_hash_table_insert (seen, g_string_free (g_steal_pointer (&key), FALSE),
                               GUINT_TO_POINTER (row->line));
        }

      if (is_members)
        {
          gint64 layout_id;

          if (!gf_store_layout_ensure (import->db, values[0].s, &layout_id, error))
            return FALSE;
          values[0] = (GfStoreValue) { GF_STORE_INT, .i = layout_id };
        }

      if (kind == &kinds[GF_IMPORT_DISTRICT])
        {
          const char *columns[] = { "id", "code", "name" };
          GfStoreValue district[] = { { GF_STORE_INT, .i = 1 }, values[0], values[1] };

          if (!gf_store_upsert (import->db, "district", columns, district, 3, "id", NULL, error))
            goto refused;
        }
      else if (!gf_store_upsert (import->db, kind->table, db_columns, values, n_columns,
                                 kind->conflict_key, NULL, error))
        goto refused;

      (*n_imported)++;
      if (progress && r % 256 == 0)
        progress ((double) r / n_rows, progress_data);
      continue;

    refused:
      {
        /* A constraint of the schema caught what the column checks did not. */
        g_autofree char *reason = g_strdup ((*error)->message);

        g_clear_error (error);
        set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, row->line, NULL,
                       _("the row was refused: %s"), reason);
        return FALSE;
      }
    }

  return TRUE;
}

static gboolean
import_observations (Import          *import,
                     const GfCsv     *csv,
                     guint           *n_imported,
                     GfProgressFunc   progress,
                     gpointer         progress_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autofree gint64 *column_indicator = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const GfCsvRow *header = NULL;
  int village_col = -1, year_col = -1, indicator_col = -1, value_col = -1;
  guint header_row = 0;
  guint n_rows = gf_csv_get_n_rows (csv);

  indicators = gf_store_list_indicators (import->db, error);
  if (indicators == NULL)
    return FALSE;

  for (guint r = 0; r < MIN (n_rows, 10u) && header == NULL; r++)
    {
      const GfCsvRow *row = gf_csv_get_row (csv, r);

      village_col = year_col = indicator_col = value_col = -1;
      for (guint f = 0; f < row->n_fields; f++)
        {
          const char *h = row->fields[f];

          if (g_str_equal (h, "village_code") || g_str_equal (h, "村编码")
              || g_str_equal (h, "村社编码"))
            village_col = (int) f;
          else if (g_str_equal (h, "year") || g_str_equal (h, "年份") || g_str_equal (h, "年度"))
            year_col = (int) f;
          else if (g_str_equal (h, "indicator") || g_str_equal (h, "指标"))
            indicator_col = (int) f;
          else if (g_str_equal (h, "value") || g_str_equal (h, "数值"))
            value_col = (int) f;
        }
      if (village_col >= 0 && year_col >= 0)
        {
          header = row;
          header_row = r;
        }
    }

  if (header == NULL)
    {
      g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_MISSING,
                   _("%s: no header row with the columns village_code and year"),
                   import->filename);
      return FALSE;
    }

  if ((indicator_col >= 0) != (value_col >= 0))
    {
      set_row_error (error, GF_IMPORT_ERROR_MISSING, import->filename, header->line,
                     indicator_col >= 0 ? "value" : "indicator",
                     _("a long observations file needs both indicator and value columns"));
      return FALSE;
    }

  /* Wide form: every other column is an indicator, by code or by its Chinese name. */
  column_indicator = g_new0 (gint64, header->n_fields);
  for (guint f = 0; indicator_col < 0 && f < header->n_fields; f++)
    {
      const char *h = header->fields[f];
      gboolean found = FALSE;

      if ((int) f == village_col || (int) f == year_col || is_ignored_header (h))
        continue;

      for (guint i = 0; i < indicators->len && !found; i++)
        {
          GfIndicator *ind = g_ptr_array_index (indicators, i);

          if (g_str_equal (ind->code, h) || g_str_equal (ind->name_zh, h))
            {
              if (ind->aggregation == GF_AGGREGATION_DERIVED)
                {
                  set_row_error (error, GF_IMPORT_ERROR_FORMAT, import->filename, header->line,
                                 h, _("this indicator is derived from its parts (%s); import "
                                      "the parts instead"), ind->formula);
                  return FALSE;
                }
              column_indicator[f] = ind->id;
              found = TRUE;
            }
        }

      if (!found)
        {
          set_row_error (error, GF_IMPORT_ERROR_FORMAT, import->filename, header->line, h,
                         _("no indicator has this code or name"));
          return FALSE;
        }
    }

  for (guint r = header_row + 1; r < n_rows; r++)
    {
      const GfCsvRow *row = gf_csv_get_row (csv, r);
      const char *village_code, *year_text;
      gint64 village_id, year;

      if (gf_csv_row_is_blank (row) || is_summary_row (row))
        continue;

      /* Every row, as the other kinds do: a small file must not miss a cancellation. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress && r % 256 == 0)
        progress ((double) r / n_rows, progress_data);

      village_code = (guint) village_col < row->n_fields ? row->fields[village_col] : "";
      year_text = (guint) year_col < row->n_fields ? row->fields[year_col] : "";

      if (*village_code == '\0')
        {
          set_row_error (error, GF_IMPORT_ERROR_MISSING, import->filename, row->line,
                         "village_code", _("a value is required"));
          return FALSE;
        }
      if (!resolve_reference (import, "village", "code", village_code, &village_id, error))
        return FALSE;
      if (village_id == 0)
        {
          set_row_error (error, GF_IMPORT_ERROR_REFERENCE, import->filename, row->line,
                         "village_code", _("no village has the code “%s”"), village_code);
          return FALSE;
        }
      if (!parse_integer (year_text, &year) || year < 1949 || year > 2100)
        {
          set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, row->line, "year",
                         _("expected a year such as 2024, found “%s”"), year_text);
          return FALSE;
        }

      /* A village's year twice (or, in the long form, one indicator twice) would silently keep
       * the last figure. */
      {
        const char *ind_text = indicator_col >= 0 && (guint) indicator_col < row->n_fields
                               ? row->fields[indicator_col] : "";
        g_autofree char *key = g_strdup_printf ("%s\x1f%d\x1f%s", village_code, (int) year,
                                                ind_text);
        gpointer first_line = g_hash_table_lookup (seen, key);

        if (first_line != NULL)
          {
            set_row_error (error, GF_IMPORT_ERROR_DUPLICATE, import->filename, row->line,
                           indicator_col >= 0 ? "indicator" : "year",
                           _("the same village and year are already given on line %u"),
                           GPOINTER_TO_UINT (first_line));
            return FALSE;
          }
        g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
      }

      for (guint f = 0; f < row->n_fields; f++)
        {
          const char *text = row->fields[f];
          const char *field_name = f < header->n_fields ? header->fields[f] : "";
          gint64 indicator_id = 0;
          double value;

          if (indicator_col >= 0)
            {
              const char *ind_text;

              if ((int) f != value_col)
                continue;
              ind_text = (guint) indicator_col < row->n_fields ? row->fields[indicator_col] : "";
              for (guint i = 0; i < indicators->len && indicator_id == 0; i++)
                {
                  GfIndicator *ind = g_ptr_array_index (indicators, i);

                  if (g_str_equal (ind->code, ind_text) || g_str_equal (ind->name_zh, ind_text))
                    {
                      if (ind->aggregation == GF_AGGREGATION_DERIVED)
                        {
                          set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename,
                                         row->line, "indicator",
                                         _("“%s” is derived from its parts (%s); import the "
                                           "parts instead"), ind_text, ind->formula);
                          return FALSE;
                        }
                      indicator_id = ind->id;
                    }
                }
              if (indicator_id == 0)
                {
                  set_row_error (error, GF_IMPORT_ERROR_REFERENCE, import->filename, row->line,
                                 "indicator", _("no indicator has the code or name “%s”"),
                                 ind_text);
                  return FALSE;
                }
              field_name = "value";
            }
          else
            {
              if (f >= header->n_fields || column_indicator[f] == 0)
                continue;
              indicator_id = column_indicator[f];
            }

          /* An empty cell is a missing figure, never a zero. */
          if (*text == '\0')
            continue;

          if (!parse_number (text, &value))
            {
              set_row_error (error, GF_IMPORT_ERROR_VALUE, import->filename, row->line,
                             field_name, _("expected a number, found “%s”"), text);
              return FALSE;
            }

          if (!gf_store_put_observation (import->db, indicator_id, (int) year, village_id,
                                         value, import->source_id, error))
            return FALSE;
          (*n_imported)++;
        }
    }

  return TRUE;
}

static const char *
feature_string (JsonObject *properties,
                const char *name,
                char      **owned)
{
  JsonNode *node;

  if (properties == NULL || (node = json_object_get_member (properties, name)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *owned = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return *owned;
    }

  return NULL;
}

static gboolean
import_geojson (Import          *import,
                GfImportKind     kind,
                GBytes          *bytes,
                guint           *n_imported,
                GfProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *features;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_FORMAT,
                   _("%s is not valid JSON: %s"), import->filename, local_error->message);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || g_strcmp0 (json_object_get_string_member_with_default (
                      root = json_node_get_object (json_parser_get_root (parser)), "type", NULL),
                    "FeatureCollection") != 0
      || !json_object_has_member (root, "features")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "features")))
    {
      g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoJSON FeatureCollection"), import->filename);
      return FALSE;
    }

  features = json_object_get_array_member (root, "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *feature_node = json_array_get_element (features, i);
      JsonObject *feature, *properties = NULL;
      JsonNode *geometry_node;
      g_autoptr(GfGeometry) geometry = NULL;
      g_autofree char *owned_code = NULL;
      g_autofree char *owned_name = NULL;
      g_autofree char *owned_kind = NULL;
      g_autofree char *owned_level = NULL;
      g_autofree char *label = NULL;
      const char *code, *name;
      gint64 id = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (feature_node))
        {
          g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_FORMAT,
                       _("%s, feature %u: not a GeoJSON feature"), import->filename, i + 1);
          return FALSE;
        }
      feature = json_node_get_object (feature_node);
      if (json_object_has_member (feature, "properties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        properties = json_object_get_object_member (feature, "properties");

      code = feature_string (properties, "code", &owned_code);
      if (code == NULL)
        code = feature_string (properties, "adcode", &owned_code);
      name = feature_string (properties, "name", &owned_name);
      label = g_strdup (name ? name : code ? code : "");

      geometry_node = json_object_get_member (feature, "geometry");
      if (geometry_node == NULL
          || !(geometry = gf_geometry_new_from_json (geometry_node,
                                                     import->flags & GF_IMPORT_FLAGS_GCJ02,
                                                     &local_error)))
        {
          /* Translators: file name, feature number, feature name, then what is wrong */
          g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_VALUE,
                       _("%s, feature %u (“%s”): %s"), import->filename, i + 1, label,
                       local_error ? local_error->message : _("the feature has no geometry"));
          return FALSE;
        }

      if (kind == GF_IMPORT_ROUTES)
        {
          const char *columns[] = { "name", "kind", "cluster_id" };
          GfStoreValue values[3] = { { GF_STORE_NULL } };
          const char *route_kind = feature_string (properties, "kind", &owned_kind);
          const char *cluster = NULL;
          g_autofree char *owned_cluster = NULL;
          gint64 cluster_id = 0;

          cluster = feature_string (properties, "cluster", &owned_cluster);
          if (name == NULL || route_kind == NULL || match_choice (route_kinds, route_kind) == NULL)
            {
              g_autofree char *expected = describe_choices (route_kinds);

              g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_MISSING,
                           _("%s, feature %u (“%s”): a route needs the properties name and kind "
                             "(%s)"), import->filename, i + 1, label, expected);
              return FALSE;
            }
          if (g_hash_table_contains (seen, name))
            {
              g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_DUPLICATE,
                           _("%s, feature %u (“%s”): feature %u has the same name"),
                           import->filename, i + 1, label,
                           GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)));
              return FALSE;
            }
          /* The names live in the parser's tree, which outlives the table. */
          g_hash_table_insert (seen, (gpointer) name, GUINT_TO_POINTER (i + 1));
          if (geometry->kind != GF_GEOMETRY_LINE)
            {
              g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_VALUE,
                           _("%s, feature %u (“%s”): a route must be a LineString or "
                             "MultiLineString"), import->filename, i + 1, label);
              return FALSE;
            }
          if (cluster != NULL && *cluster != '\0')
            {
              if (!resolve_reference (import, "cluster", "name", cluster, &cluster_id, error))
                return FALSE;
              if (cluster_id == 0)
                {
                  g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_REFERENCE,
                               _("%s, feature %u (“%s”): no cluster “%s” exists"),
                               import->filename, i + 1, label, cluster);
                  return FALSE;
                }
            }

          values[0] = (GfStoreValue) { GF_STORE_TEXT, .s = name };
          values[1] = (GfStoreValue) { GF_STORE_TEXT, .s = match_choice (route_kinds, route_kind) };
          values[2] = cluster_id ? (GfStoreValue) { GF_STORE_INT, .i = cluster_id }
                                 : (GfStoreValue) { GF_STORE_NULL };

          /* geometry is NOT NULL: write an empty blob first, then the real one with its box. */
          {
            const char *all[] = { "name", "kind", "cluster_id", "geometry" };
            GfStoreValue with_blob[4] = { values[0], values[1], values[2],
                                          { GF_STORE_TEXT, .s = "" } };

            (void) columns;
            if (!gf_store_upsert (import->db, "route", all, with_blob, 4, "name", &id, error)
                || !gf_store_set_geometry (import->db, "route", "geometry", id, geometry, error))
              return FALSE;
          }
        }
      else
        {
          const char *level = feature_string (properties, "level", &owned_level);
          const char *table;

          if (geometry->kind != GF_GEOMETRY_AREA)
            {
              g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_VALUE,
                           _("%s, feature %u (“%s”): a boundary must be a Polygon or "
                             "MultiPolygon"), import->filename, i + 1, label);
              return FALSE;
            }

          if (level == NULL && code != NULL)
            level = strlen (code) == 6 ? "district" : strlen (code) == 9 ? "town"
                    : strlen (code) == 12 ? "village" : NULL;
          table = g_strcmp0 (level, "district") == 0 ? "district"
                  : g_strcmp0 (level, "town") == 0 ? "town"
                  : g_strcmp0 (level, "village") == 0 ? "village" : NULL;
          if (table == NULL)
            {
              g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_MISSING,
                           _("%s, feature %u (“%s”): say in the property “level” whether it is "
                             "the district, a town or a village, or give its 6-, 9- or 12-digit "
                             "code"), import->filename, i + 1, label);
              return FALSE;
            }

          if (g_str_equal (table, "district"))
            {
              /* The district record is created from its boundary when the database has none. */
              const char *columns[] = { "id", "code", "name" };
              GfStoreValue values[] = {
                { GF_STORE_INT, .i = 1 },
                { GF_STORE_TEXT, .s = code },
                { GF_STORE_TEXT, .s = name },
              };
              g_autofree char *existing = NULL;

              if (!gf_store_lookup_text (import->db, "district", "code", 1, &existing, error))
                return FALSE;
              if (existing == NULL)
                {
                  if (code == NULL || strlen (code) != 6 || name == NULL)
                    {
                      g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_MISSING,
                                   _("%s, feature %u (“%s”): the district boundary needs a "
                                     "6-digit code and a name"), import->filename, i + 1, label);
                      return FALSE;
                    }
                  if (!gf_store_upsert (import->db, "district", columns, values, 3, "id", NULL,
                                        error))
                    return FALSE;
                }
              id = 1;
            }
          else
            {
              if (code != NULL && !resolve_reference (import, table, "code", code, &id, error))
                return FALSE;
              if (id == 0 && name != NULL
                  && !resolve_reference (import, table, "name", name, &id, error))
                return FALSE;
              if (id == 0)
                {
                  g_set_error (error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_REFERENCE,
                               g_str_equal (table, "town")
                               ? _("%s, feature %u (“%s”): no town has this code or name; import "
                                   "the towns first")
                               : _("%s, feature %u (“%s”): no village has this code or name; "
                                   "import the villages first"),
                               import->filename, i + 1, label);
                  return FALSE;
                }
            }

          if (!gf_store_set_geometry (import->db, table, "boundary", id, geometry, error))
            return FALSE;

          /* A village's area is its boundary's: the figure on file may be outdated. */
          if (g_str_equal (table, "village"))
            {
              GfStoreValue area = { GF_STORE_REAL, .d = gf_geometry_area_m2 (geometry) / 1e6 };

              if (!gf_store_update_value (import->db, "village", id, "area_km2", &area, error))
                return FALSE;
            }
        }

      (*n_imported)++;
      if (progress && i % 64 == 0)
        progress ((double) i / json_array_get_length (features), progress_data);
    }

  return TRUE;
}

/**
 * gf_import_bytes:
 * @db: an open, writable database
 * @kind: what the file holds
 * @bytes: the file's contents
 * @filename: its name, for messages
 * @flags: #GfImportFlags
 * @n_rows: (out) (optional): the number of records (or values, for observations) written
 * @progress: (scope call) (nullable): called now and then with the part done
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports a file in one transaction: on any error nothing is written, and the message names
 * the file, the line (or feature) and the field.
 */
gboolean
gf_import_bytes (GfDatabase      *db,
                 GfImportKind     kind,
                 GBytes          *bytes,
                 const char      *filename,
                 GfImportFlags    flags,
                 guint           *n_rows,
                 GfProgressFunc   progress,
                 gpointer         progress_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GHashTable) ref_cache = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detail = NULL;
  Import import = { 0 };
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind < GF_IMPORT_N_KINDS, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  ref_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import = (Import) { db, filename, flags, ref_cache, 0 };

  if (!gf_database_begin (db, error))
    return FALSE;

  if (kind == GF_IMPORT_OBSERVATIONS && !gf_store_create_source (db, filename, &import.source_id,
                                                                &local_error))
    goto failed;

  if (kind == GF_IMPORT_BOUNDARIES || kind == GF_IMPORT_ROUTES)
    ok = import_geojson (&import, kind, bytes, &n, progress, progress_data, cancellable,
                         &local_error);
  else
    {
      g_autoptr(GError) csv_error = NULL;
      g_autoptr(GfCsv) csv = gf_csv_parse (bytes, filename, &csv_error);

      if (csv == NULL)
        {
          /* A bad encoding or quoting is a FORMAT error of the import (gf-import.h); the
           * message already names the file and the line. */
          g_set_error_literal (&local_error, GF_IMPORT_ERROR, GF_IMPORT_ERROR_FORMAT,
                               csv_error->message);
          goto failed;
        }

      if (kind == GF_IMPORT_OBSERVATIONS)
        ok = import_observations (&import, csv, &n, progress, progress_data, cancellable,
                                  &local_error);
      else
        ok = import_table_rows (&import, &kinds[kind], csv, &n, progress, progress_data,
                                cancellable, &local_error);
    }

  if (!ok)
    goto failed;

  detail = g_strdup_printf ("%s: %u", filename, n);
  if (!gf_store_audit (db, "import", kinds[kind].name, detail, &local_error))
    goto failed;

  if (!gf_database_commit (db, kinds[kind].table ? kinds[kind].table : "*", &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (progress)
    progress (1.0, progress_data);
  if (n_rows)
    *n_rows = n;

  return TRUE;

failed:
  gf_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * gf_import_file:
 *
 * Reads @file and calls gf_import_bytes() with its base name in messages.
 */
gboolean
gf_import_file (GfDatabase      *db,
                GfImportKind     kind,
                GFile           *file,
                GfImportFlags    flags,
                guint           *n_rows,
                GfProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return FALSE;

  basename = g_file_get_basename (file);
  return gf_import_bytes (db, kind, bytes, basename, flags, n_rows, progress, progress_data,
                          cancellable, error);
}
