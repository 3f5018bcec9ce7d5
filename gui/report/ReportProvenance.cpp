#include "gui/report/ReportProvenance.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include "core/io/TopologyJson.h"
#include "gui/util/FileHash.h"

namespace scalelab::gui {

QString designSha256(const core::Topology& topology)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(core::saveTopology(topology)),
                                 QCryptographicHash::Sha256)
            .toHex());
}

ReportProvenance provenanceOf(const core::Topology& topology, const QString& sourcePath)
{
    ReportProvenance p;
    p.version = QStringLiteral(SCALELAB_VERSION);
    if (!sourcePath.isEmpty()) {
        p.sha256 = fileSha256(sourcePath);
        if (!p.sha256.isEmpty()) {
            p.fileName = QFileInfo(sourcePath).fileName();
            return p;
        }
    }
    p.sha256 = designSha256(topology);
    return p;
}

} // namespace scalelab::gui
