/* gf-test-cli.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the core tests share to run the built gongfu-atlas-cli ($GF_CLI) as a user would.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GfCliRun:
 * @status: the exit status
 * @out: what it wrote on standard output
 * @err: what it wrote on standard error
 */
typedef struct
{
  int   status;
  char *out;
  char *err;
} GfCliRun;

gboolean gf_have_cli      (void);
GfCliRun gf_cli_run       (const char  *first,
                           ...) G_GNUC_NULL_TERMINATED;
GfCliRun gf_cli_run_argv  (const char **args);
void     gf_cli_run_clear (GfCliRun    *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfCliRun, gf_cli_run_clear)

G_END_DECLS
