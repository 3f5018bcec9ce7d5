#pragma once

#include "core/model/Topology.h"

#include <optional>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace scalelab::gui::cli {

/// Options every subcommand shares (--help, --log-level). Parses `args`; on a usage problem
/// prints it and returns false with `exitCode` set (0 after --help, 2 for bad usage).
bool parseWithCommonOptions(QCommandLineParser& parser, const QStringList& args, int& exitCode);

/// parseWithCommonOptions(), then the single FILE positional argument. Empty when the
/// command must stop, with `exitCode` set: 0 after --help, 2 for bad usage (printed).
QString parseFileCommand(QCommandLineParser& parser, const QStringList& args, int& exitCode);

/// Loads and validates FILE. When it is not valid, prints each error as
/// "FILE: error: /pointer: message" and returns nothing.
std::optional<core::Topology> loadValidTopology(const QString& file);

/// Writes to stderr/stdout as UTF-8 (QTextStream would buffer across the exit code).
void printError(const QString& text);
void printOut(const QString& text);

} // namespace scalelab::gui::cli
