/* gf-output.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How every file the application makes for the user is written (charts, maps, handouts, from
 * the window or the command line): whole or not at all.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gf-output.h"

static void
set_write_error (GError     **error,
                 GQuark       domain,
                 int          code,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, domain, code, _("Could not write “%s”: %s"), path,
               g_strerror (saved_errno));
}

/**
 * gf_output_write:
 * @path: (type filename): the file to make
 * @error_domain: the domain of the errors of making the file itself …
 * @error_code: … and their code (those of @write_func are its own)
 * @write_func: writes the whole file at the path it is given
 * @user_data: for @write_func
 * @error: return location for a #GError
 *
 * @write_func fills a new hidden file beside @path (on the same file system, so that a
 * rename completes the write), which then replaces @path. A failure or a cancel leaves
 * neither a partial @path nor the temporary file, and an existing @path as it was. Messages
 * of @write_func that name the temporary file name @path instead. The file gets the
 * permissions of any file the user saves (0666 less the umask).
 *
 * Returns: %TRUE when @path is complete
 */
gboolean
gf_output_write (const char         *path,
                 GQuark              error_domain,
                 int                 error_code,
                 GfOutputWriteFunc   write_func,
                 gpointer            user_data,
                 GError            **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      set_write_error (error, error_domain, error_code, path, errno);
      return FALSE;
    }
  close (fd);

  if (!write_func (tmp_path, user_data, &local_error))
    {
      g_autoptr(GString) message = g_string_new (local_error->message);

      g_unlink (tmp_path);
      g_string_replace (message, tmp_path, path, 0);
      g_set_error_literal (error, local_error->domain, local_error->code, message->str);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      set_write_error (error, error_domain, error_code, path, saved_errno);
      return FALSE;
    }

  return TRUE;
}
