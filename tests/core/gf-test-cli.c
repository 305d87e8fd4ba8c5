/* gf-test-cli.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gf-test-cli.h"

/**
 * gf_have_cli:
 *
 * Returns: whether $GF_CLI names the built CLI; if not, marks the test skipped.
 */
gboolean
gf_have_cli (void)
{
  const char *cli = g_getenv ("GF_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("GF_CLI does not name the built gongfu-atlas-cli");
      return FALSE;
    }

  return TRUE;
}

/* Under the sanitizers (CI runs the core suite again with them), LeakSanitizer ends stderr with
 * the list of suppressions it used (tests/lsan.supp: fontconfig's caches, loaded when text is
 * measured): that is the harness speaking, not the CLI, so the tests compare what is before it. */
static void
strip_sanitizer_report (char *err)
{
  char *report = strstr (err, "\nSuppressions used:\n");
  char *rule;

  if (report == NULL && g_str_has_prefix (err, "Suppressions used:\n"))
    report = err;
  if (report == NULL)
    return;

  /* Back to the start of the line of dashes above the heading. */
  rule = report;
  while (rule > err && rule[-1] == '-')
    rule--;
  *rule = '\0';
}

/**
 * gf_cli_run_argv:
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * Runs the CLI and waits for it. The command line and what it printed go to the test log, so
 * that a failing assertion can be read with what the user would have seen. A CLI that does
 * not exit normally (a crash) fails the test. LeakSanitizer's list of suppressions is cut off
 * the end of stderr.
 *
 * Returns: its exit status and output; clear it with gf_cli_run_clear()
 */
GfCliRun
gf_cli_run_argv (const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_autoptr(GString) line = g_string_new ("$ gongfu-atlas-cli");
  GfCliRun r = { 0 };
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("GF_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (char *) args[i]);
      g_string_append_printf (line, " %s", args[i]);
    }
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
  strip_sanitizer_report (r.err);
  return r;
}

/**
 * gf_cli_run:
 * @first: the first argument after the program's name
 * @...: more arguments, then %NULL
 *
 * gf_cli_run_argv() with the arguments listed in the call.
 *
 * Returns: its exit status and output
 */
GfCliRun
gf_cli_run (const char *first,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return gf_cli_run_argv ((const char **) args->pdata);
}

void
gf_cli_run_clear (GfCliRun *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}
