#include "gui/app/AppInfo.h"

#include <QCoreApplication>

namespace scalelab::gui {

void setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("ScaleLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCALELAB_VERSION));
}

} // namespace scalelab::gui
