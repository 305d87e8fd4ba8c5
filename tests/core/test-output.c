/* test-output.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gf_output_write(), the one way files for the user are written (charts, maps, handouts):
 * whole or not at all.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gf-output.h"

typedef struct
{
  char *dir;
  char *path;      /* the output, in dir */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gf-output-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "图表.png", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

typedef struct
{
  const char *content;
  gboolean    fail;          /* write the content, then fail */
  char       *written_at;    /* out: the path the writer was given */
} Writer;

static gboolean
write_cb (const char  *path,
          gpointer     user_data,
          GError     **error)
{
  Writer *writer = user_data;

  writer->written_at = g_strdup (path);
  /* The writer gets an empty file of its own. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (!g_file_set_contents (path, writer->content, -1, error))
    return FALSE;
  if (writer->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left writing “%s”", path);
      return FALSE;
    }

  return TRUE;
}

static void
test_output_whole (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *names = NULL;
  Writer writer = { .content = "第一版" };
  GStatBuf st;
  mode_t mask = umask (022);

  umask (mask);
  g_assert_true (gf_output_write (f->path, G_IO_ERROR, G_IO_ERROR_FAILED, write_cb, &writer,
                                  &error));
  g_assert_no_error (error);
  /* Written beside the output under another, hidden name, then renamed. */
  g_assert_cmpstr (writer.written_at, !=, f->path);
  g_assert_true (g_str_has_prefix (writer.written_at, f->dir));
  g_assert_true (g_str_has_prefix (strrchr (writer.written_at, G_DIR_SEPARATOR) + 1, ".图表.png."));
  g_assert_true (g_file_get_contents (f->path, &content, NULL, &error));
  g_assert_cmpstr (content, ==, "第一版");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "图表.png");
  /* The permissions of any file the user saves, not mkstemp's 0600. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);
  g_free (writer.written_at);

  /* A second write replaces the file. */
  writer = (Writer) { .content = "第二版" };
  g_assert_true (gf_output_write (f->path, G_IO_ERROR, G_IO_ERROR_FAILED, write_cb, &writer,
                                  &error));
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (f->path, &content, NULL, &error));
  g_assert_cmpstr (content, ==, "第二版");
  g_free (writer.written_at);
}

static void
test_output_failure (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *names = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "没有的文件夹", "图表.png", NULL);
  Writer writer = { .content = "半截", .fail = TRUE };

  g_assert_true (g_file_set_contents (f->path, "旧的", -1, NULL));

  /* The writer fails halfway: the old file stays, no temporary file is left, and the message
   * names the output, not the temporary file. */
  g_assert_false (gf_output_write (f->path, G_IO_ERROR, G_IO_ERROR_FAILED, write_cb, &writer,
                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_null (strstr (error->message, writer.written_at));
  g_assert_true (g_file_get_contents (f->path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "旧的");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "图表.png");
  g_clear_error (&error);
  g_clear_pointer (&writer.written_at, g_free);

  /* No folder to write in: the caller's domain and code, the writer never called. */
  writer = (Writer) { .content = "x" };
  g_assert_false (gf_output_write (nowhere, G_FILE_ERROR, G_FILE_ERROR_NOENT, write_cb, &writer,
                                   &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_assert_null (writer.written_at);
  g_clear_error (&error);

  /* The output is a folder: the rename fails, and the written file goes. */
  g_clear_pointer (&names, g_free);
  {
    g_autofree char *folder = g_build_filename (f->dir, "文件夹", NULL);

    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
    g_assert_false (gf_output_write (folder, G_FILE_ERROR, G_FILE_ERROR_ISDIR, write_cb,
                                     &writer, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
    g_assert_nonnull (writer.written_at);
    g_assert_false (g_file_test (writer.written_at, G_FILE_TEST_EXISTS));
    names = list_dir (f->dir);
    g_assert_cmpstr (names, ==, "图表.png 文件夹");
    g_free (writer.written_at);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/output/whole", Fixture, NULL, fixture_set_up, test_output_whole,
              fixture_tear_down);
  g_test_add ("/output/failure", Fixture, NULL, fixture_set_up, test_output_failure,
              fixture_tear_down);

  return g_test_run ();
}
