/* gf-csv.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 CSV as offices really send it: a UTF-8 BOM or none, or GB18030 (Excel on Chinese
 * Windows saves "CSV" in the ANSI code page), CRLF or LF line ends, quoted fields with
 * embedded commas, quotes and line breaks.
 */

#define G_LOG_DOMAIN "gf-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gf-csv.h"

struct _GfCsv
{
  GArray *rows;   /* of GfCsvRow */
};

G_DEFINE_QUARK (gf-csv-error-quark, gf_csv_error)

static void
clear_row (gpointer data)
{
  GfCsvRow *row = data;

  g_clear_pointer (&row->fields, g_strfreev);
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint lines = 1;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      lines++;

  return lines;
}

/* Returns the file as UTF-8 without a BOM. */
static char *
decode (GBytes      *bytes,
        const char  *filename,
        gsize       *out_length,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;
  gsize bytes_read = 0;
  gsize bytes_written = 0;
  char *converted;

  data = g_bytes_get_data (bytes, &length);
  /* Empty GBytes may have no data at all, and g_strndup (NULL, 0) is NULL, not "". */
  if (data == NULL)
    data = "";
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      *out_length = length;
      return g_strndup (data, length);
    }

  converted = g_convert (data, length, "UTF-8", "GB18030", &bytes_read, &bytes_written,
                         &local_error);
  if (converted == NULL)
    {
      g_set_error (error, GF_CSV_ERROR, GF_CSV_ERROR_ENCODING,
                   _("%s, line %u: the text is neither UTF-8 nor GB18030 (GBK)"),
                   filename, count_lines (data, bytes_read));
      return NULL;
    }

  *out_length = bytes_written;
  return converted;
}

/**
 * gf_csv_parse:
 * @bytes: the file contents
 * @filename: the name used in messages
 *
 * Returns: (transfer full) (nullable): every row of the file, header included
 */
GfCsv *
gf_csv_parse (GBytes      *bytes,
              const char  *filename,
              GError     **error)
{
  g_autoptr(GfCsv) csv = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  g_autofree char *text = NULL;
  gsize length;
  guint line = 1;
  guint row_line = 1;
  gboolean quoted = FALSE;
  gboolean field_started = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  text = decode (bytes, filename, &length, error);
  if (text == NULL)
    return NULL;

  csv = g_new0 (GfCsv, 1);
  csv->rows = g_array_new (FALSE, TRUE, sizeof (GfCsvRow));
  g_array_set_clear_func (csv->rows, clear_row);
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (gsize i = 0; i <= length; i++)
    {
      char c = i < length ? text[i] : '\n';
      gboolean at_end = i == length;

      if (quoted && !at_end)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (quoted && at_end)
        {
          g_set_error (error, GF_CSV_ERROR, GF_CSV_ERROR_SYNTAX,
                       _("%s, line %u: a quoted field is never closed"), filename, row_line);
          return NULL;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_strstrip (g_strdup (field->str)));
          g_string_truncate (field, 0);
          field_started = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          GfCsvRow row;

          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;

          /* A trailing line break does not make an empty last row. */
          if (!(at_end && fields->len == 0 && field->len == 0 && !field_started))
            {
              g_ptr_array_add (fields, g_strstrip (g_strdup (field->str)));
              g_ptr_array_add (fields, NULL);
              row.n_fields = fields->len - 1;
              row.fields = (char **) g_ptr_array_steal (fields, NULL);
              row.line = row_line;
              g_array_append_val (csv->rows, row);
            }

          g_string_truncate (field, 0);
          field_started = FALSE;
          line++;
          row_line = line;
        }
      else
        {
          if (c != ' ' && c != '\t')
            field_started = TRUE;
          g_string_append_c (field, c);
        }
    }

  return g_steal_pointer (&csv);
}

guint
gf_csv_get_n_rows (const GfCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->rows->len;
}

/**
 * gf_csv_get_row:
 *
 * Returns: (transfer none): the row at @index
 */
const GfCsvRow *
gf_csv_get_row (const GfCsv *csv,
                guint        index)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (index < csv->rows->len, NULL);

  return &g_array_index (csv->rows, GfCsvRow, index);
}

gboolean
gf_csv_row_is_blank (const GfCsvRow *row)
{
  g_return_val_if_fail (row != NULL, TRUE);

  for (guint i = 0; i < row->n_fields; i++)
    if (row->fields[i][0] != '\0')
      return FALSE;

  return TRUE;
}

void
gf_csv_free (GfCsv *csv)
{
  if (csv == NULL)
    return;

  g_clear_pointer (&csv->rows, g_array_unref);
  g_free (csv);
}

/**
 * gf_csv_escape:
 * @field: (nullable): a cell's text; %NULL is an empty cell
 *
 * Returns: (transfer full): the cell quoted as RFC 4180 requires
 */
char *
gf_csv_escape (const char *field)
{
  GString *escaped;

  if (field == NULL)
    return g_strdup ("");

  if (strpbrk (field, ",\"\r\n") == NULL)
    return g_strdup (field);

  escaped = g_string_new ("\"");
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (escaped, '"');
      g_string_append_c (escaped, *p);
    }
  g_string_append_c (escaped, '"');

  return g_string_free (escaped, FALSE);
}
