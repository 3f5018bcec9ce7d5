#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui::cli {

/// `--prices FILE`: a price sheet (docs/cost.md) replacing the registry's illustrative
/// `cost_per_hour` defaults, for run, analyze, sweep and plan alike.
struct PriceOption {
    QCommandLineOption option{QStringLiteral("prices"),
                              QStringLiteral("A price sheet (scalelab-prices/1 JSON) replacing the "
                                             "illustrative cost_per_hour defaults."),
                              QStringLiteral("FILE")};

    void addTo(QCommandLineParser& parser) const { parser.addOption(option); }
    /// Applies the sheet when the option is set. A sheet that does not load prints its
    /// located errors ("prices.json: error: /cost_per_hour/web: unknown kind ...") and
    /// returns false (invalid input).
    bool apply(const QCommandLineParser& parser, core::Topology& topology) const;
};

} // namespace scalelab::gui::cli
