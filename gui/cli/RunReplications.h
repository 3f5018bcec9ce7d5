#pragma once

#include <optional>

#include <QString>

#include "core/experiment/ReplicatedRun.h"
#include "core/model/Topology.h"

namespace scalelab::gui::cli {

/// `run --replications R`: R seeds of the file over `jobs` threads (0 = every core), with
/// progress on stderr when it is a terminal. Nothing when a replication failed (printed).
std::optional<core::experiment::ReplicatedRun> runReplications(const core::Topology& topology,
                                                               int replications, unsigned jobs,
                                                               const QString& file);

/// Prints the across-seed means and 95% intervals of a `replications` document.
void printReplications(const core::experiment::ReplicatedRun& run, unsigned jobs);

} // namespace scalelab::gui::cli
