#pragma once

#include <QByteArray>
#include <QString>

namespace scalelab::gui {

/// Writes a whole file or nothing: through QSaveFile, so a failure (disk full, a folder
/// that cannot be written) leaves any previous file as it was. On failure `error` says
/// which file and why.
bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error);

} // namespace scalelab::gui
