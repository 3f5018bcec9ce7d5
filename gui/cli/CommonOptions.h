#pragma once

#include <initializer_list>
#include <optional>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

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

/// A diagnostic as one safe line: control characters (a file could carry terminal escape
/// sequences) shown as \uXXXX, and at most 400 characters.
QString diagnosticLine(const core::Diagnostic& diagnostic);

/// False (with the reason printed) when OUT, given to `option`, would overwrite FILE.
bool outputIsNotInput(const QString& command, const QString& option, const QString& file,
                      const QString& out);

/// The output options of `options` that are set, checked before any work: each names a
/// file, at most one is "-" (standard output, which then carries nothing else: `toStdout`
/// is set), none would overwrite FILE (empty: no input file). Prints the problem and
/// returns false (bad usage).
bool checkOutputOptions(const QString& command, const QCommandLineParser& parser,
                        std::initializer_list<const QCommandLineOption*> options,
                        const QString& file, bool& toStdout);

/// Writes `bytes` to OUT through writeFileAtomically(), or to standard output when OUT is
/// "-". On failure prints "<command>: <reason>" and returns false.
bool writeOutput(const QString& command, const QString& out, const QByteArray& bytes);

/// Writes to stderr/stdout as UTF-8 (QTextStream would buffer across the exit code).
void printError(const QString& text);
void printOut(const QString& text);

} // namespace scalelab::gui::cli
