/* gf-check.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-database.h"

G_BEGIN_DECLS

typedef enum
{
  GF_CHECK_INFO,
  GF_CHECK_WARNING,
  GF_CHECK_ERROR,
} GfCheckSeverity;

/**
 * GfCheckFinding:
 * @severity: how serious it is; errors mean damaged or inconsistent data
 * @message: what was found, for the user
 */
typedef struct
{
  GfCheckSeverity  severity;
  char            *message;
} GfCheckFinding;

GPtrArray  *gf_check_database        (GfDatabase       *db,
                                      GCancellable     *cancellable,
                                      GError          **error);
const char *gf_check_severity_label  (GfCheckSeverity   severity);

G_END_DECLS
