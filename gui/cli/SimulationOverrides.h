#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui::cli {

/// --duration S, --warmup S and --seed N, as `scalelab run` takes them, for the commands
/// that run a file many times (sweep, plan): shorter runs are how a big sweep fits a budget.
struct SimulationOverrides {
    QCommandLineOption duration{
        QStringLiteral("duration"),
        QStringLiteral("Simulated seconds of each run (overrides the file)."), QStringLiteral("S")};
    QCommandLineOption warmup{QStringLiteral("warmup"),
                              QStringLiteral("Warm-up seconds excluded from statistics."),
                              QStringLiteral("S")};
    QCommandLineOption seed{QStringLiteral("seed"),
                            QStringLiteral("The seed every run's seed is derived from."),
                            QStringLiteral("N")};

    void addTo(QCommandLineParser& parser) const { parser.addOptions({duration, warmup, seed}); }
    /// Sets what was given; prints the problem and returns false on a bad value (usage).
    bool apply(const QCommandLineParser& parser, const QString& command,
               core::Topology& topology) const;
};

} // namespace scalelab::gui::cli
