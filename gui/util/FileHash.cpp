#include "gui/util/FileHash.h"

#include <QCryptographicHash>
#include <QFile>

namespace scalelab::gui {

QString fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace scalelab::gui
