#pragma once

#include <QString>

namespace scalelab::gui {

/// The SHA-256 of a file's bytes as 64 hex digits (QCryptographicHash), so a report's
/// reader can check they have the very file it describes; empty when it cannot be read.
QString fileSha256(const QString& path);

} // namespace scalelab::gui
