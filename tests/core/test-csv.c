/* test-csv.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gf-csv.h"

static GfCsv *
parse_text (const char  *text,
            gssize       length,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return gf_csv_parse (bytes, "test.csv", error);
}

static void
assert_row (const GfCsv        *csv,
            guint               index,
            guint               line,
            const char * const *expected)
{
  const GfCsvRow *row = gf_csv_get_row (csv, index);

  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpuint (row->n_fields, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < row->n_fields; i++)
    g_assert_cmpstr (row->fields[i], ==, expected[i]);
  g_assert_null (row->fields[row->n_fields]);
}

static void
test_csv_quoted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;
  const char *text =
    "name,note,text\n"
    "\"Lin, An\",\"say \"\"hi\"\"\",\"first line\nsecond line\nthird line\"\n"
    "next,row,here\n";

  csv = parse_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 3);
  assert_row (csv, 0, 1, (const char *[]) { "name", "note", "text", NULL });
  assert_row (csv, 1, 2, (const char *[]) { "Lin, An", "say \"hi\"",
                                            "first line\nsecond line\nthird line", NULL });
  /* The quoted field spans lines 2–4, so the following row starts on line 5. */
  assert_row (csv, 2, 5, (const char *[]) { "next", "row", "here", NULL });
}

static void
test_csv_whitespace_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;
  const GfCsvRow *row;

  csv = parse_text (" a , b ,c\n"
                    "1,,3\n"
                    ",,\n"
                    "  \"  kept inside  \" ,x\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 4);
  assert_row (csv, 0, 1, (const char *[]) { "a", "b", "c", NULL });
  assert_row (csv, 1, 2, (const char *[]) { "1", "", "3", NULL });
  assert_row (csv, 2, 3, (const char *[]) { "", "", "", NULL });
  row = gf_csv_get_row (csv, 2);
  g_assert_true (gf_csv_row_is_blank (row));
  g_assert_false (gf_csv_row_is_blank (gf_csv_get_row (csv, 1)));
  /* Cells are trimmed, quoted or not. */
  assert_row (csv, 3, 4, (const char *[]) { "kept inside", "x", NULL });
}

static void
test_csv_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;

  csv = parse_text ("code,name\r\n"
                    "339901,\"示例\r\n区\"\r\n"
                    "339902,乙区\r\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 3);
  assert_row (csv, 0, 1, (const char *[]) { "code", "name", NULL });
  /* Inside quotes the line break is kept as written. */
  assert_row (csv, 1, 2, (const char *[]) { "339901", "示例\r\n区", NULL });
  assert_row (csv, 2, 4, (const char *[]) { "339902", "乙区", NULL });
}

static void
test_csv_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;

  csv = parse_text ("\xEF\xBB\xBF" "code,name\n339901,示例区\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 2);
  assert_row (csv, 0, 1, (const char *[]) { "code", "name", NULL });
  assert_row (csv, 1, 2, (const char *[]) { "339901", "示例区", NULL });
}

static void
test_csv_gb18030 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;
  g_autoptr(GfCsv) converted_csv = NULL;
  g_autofree char *converted = NULL;
  gsize converted_length = 0;

  /* "名称\n东村\n" as Excel on Chinese Windows saves it: 村 is B4 E5 in GBK. */
  csv = parse_text ("\xC3\xFB\xB3\xC6\n\xB6\xAB\xB4\xE5\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 2);
  assert_row (csv, 0, 1, (const char *[]) { "名称", NULL });
  assert_row (csv, 1, 2, (const char *[]) { "东村", NULL });

  /* A longer file through iconv, with quotes and a line break in a field. */
  converted = g_convert ("编码,名称,说明\n339901001201,东村,\"竹笋，茶叶\n“两山”\"\n"
                         "339901001202,西村,社区\n",
                         -1, "GB18030", "UTF-8", NULL, &converted_length, &error);
  g_assert_no_error (error);
  converted_csv = parse_text (converted, (gssize) converted_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (converted_csv), ==, 3);
  assert_row (converted_csv, 0, 1, (const char *[]) { "编码", "名称", "说明", NULL });
  assert_row (converted_csv, 1, 2,
              (const char *[]) { "339901001201", "东村", "竹笋，茶叶\n“两山”", NULL });
  assert_row (converted_csv, 2, 4, (const char *[]) { "339901001202", "西村", "社区", NULL });
}

static void
test_csv_invalid_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;

  /* 0xFF is a byte neither UTF-8 nor GB18030 has; it is on line 3. */
  csv = parse_text ("code,name\n339901,a\n339902,\xFF\xFF\n339903,c\n", -1, &error);
  g_assert_error (error, GF_CSV_ERROR, GF_CSV_ERROR_ENCODING);
  g_assert_null (csv);
  g_assert_nonnull (strstr (error->message, "test.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  /* With a BOM the line is still counted from the top of the file. */
  csv = parse_text ("\xEF\xBB\xBF" "\xFF" "code\n", -1, &error);
  g_assert_error (error, GF_CSV_ERROR, GF_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 1"));
}

static void
test_csv_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;

  csv = parse_text ("code,name\n339901,ok\n339902,\"never closed\n339903,c\n", -1, &error);
  g_assert_error (error, GF_CSV_ERROR, GF_CSV_ERROR_SYNTAX);
  g_assert_null (csv);
  g_assert_nonnull (strstr (error->message, "test.csv"));
  /* The field opens on line 3, where the clerk has to look. */
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_csv_trailing_newline (void)
{
  static const char * const texts[] = { "a,b\n1,2\n", "a,b\n1,2", "a,b\r\n1,2\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GfCsv) csv = parse_text (texts[i], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 2);
      assert_row (csv, 1, 2, (const char *[]) { "1", "2", NULL });
    }

  /* An empty file has no rows at all; an inner empty line is a blank row. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GfCsv) empty = parse_text ("", 0, &error);
    g_autoptr(GfCsv) inner = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (gf_csv_get_n_rows (empty), ==, 0);

    inner = parse_text ("a\n\nb\n", -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gf_csv_get_n_rows (inner), ==, 3);
    g_assert_true (gf_csv_row_is_blank (gf_csv_get_row (inner, 1)));
    assert_row (inner, 2, 3, (const char *[]) { "b", NULL });
  }
}

static void
test_csv_escape (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "示例区", "示例区" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "\"", "\"\"\"\"" },
  };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCsv) csv = NULL;
  g_autofree char *null_cell = gf_csv_escape (NULL);
  const GfCsvRow *row;

  g_assert_cmpstr (null_cell, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = gf_csv_escape (cases[i].in);

      g_assert_cmpstr (escaped, ==, cases[i].out);
      if (i > 0)
        g_string_append_c (line, ',');
      g_string_append (line, escaped);
    }
  g_string_append (line, "\r\nafter\r\n");

  /* What the escaper writes, the parser reads back unchanged. */
  csv = parse_text (line->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_csv_get_n_rows (csv), ==, 2);
  row = gf_csv_get_row (csv, 0);
  g_assert_cmpuint (row->n_fields, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (row->fields[i], ==, cases[i].in);
  /* "two\nlines" added one line break. */
  g_assert_cmpuint (gf_csv_get_row (csv, 1)->line, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/quoted", test_csv_quoted);
  g_test_add_func ("/core/csv/whitespace-and-empty", test_csv_whitespace_and_empty);
  g_test_add_func ("/core/csv/crlf", test_csv_crlf);
  g_test_add_func ("/core/csv/bom", test_csv_bom);
  g_test_add_func ("/core/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/core/csv/invalid-encoding", test_csv_invalid_encoding);
  g_test_add_func ("/core/csv/unterminated-quote", test_csv_unterminated);
  g_test_add_func ("/core/csv/trailing-newline", test_csv_trailing_newline);
  g_test_add_func ("/core/csv/escape", test_csv_escape);

  return g_test_run ();
}
