#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace scalelab::gui::cli {

/// The options of commands that run many simulations (run --replications, sweep, plan):
/// --replications R and --jobs N, declared once so their help and checks agree.
struct ExperimentOptions {
    QCommandLineOption replications{QStringLiteral("replications"),
                                    QStringLiteral("Seeds per design (R >= 1); figures are "
                                                   "across-seed means with 95% intervals."),
                                    QStringLiteral("R")};
    QCommandLineOption jobs{QStringLiteral("jobs"),
                            QStringLiteral("Simulations at once (default: every core). Results "
                                           "never depend on it."),
                            QStringLiteral("N")};

    void addTo(QCommandLineParser& parser) const { parser.addOptions({replications, jobs}); }

    /// Reads --replications (default `fallback`) and --jobs (0 = every core). On a bad
    /// value prints "COMMAND: --replications needs ..." and returns false (bad usage).
    bool read(const QCommandLineParser& parser, const QString& command, int fallback,
              int& replicationsOut, unsigned& jobsOut) const;
};

} // namespace scalelab::gui::cli
