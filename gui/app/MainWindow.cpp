#include "gui/app/MainWindow.h"

#include "core/io/TopologyJson.h"

#include <QLabel>
#include <QMessageBox>

namespace scalelab::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("ScaleLab"));
    auto* label = new QLabel(tr("ScaleLab"), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1280, 800);
}

bool MainWindow::openFile(const QString& path)
{
    const core::LoadResult loaded = core::loadTopologyFile(path.toStdString());
    if (!loaded.ok()) {
        QString text;
        for (const auto& d : loaded.diagnostics)
            text += QString::fromStdString(d.toString()) + QLatin1Char('\n');
        QMessageBox::warning(this, tr("Cannot open %1").arg(path), text);
        return false;
    }
    setWindowTitle(QStringLiteral("%1 — ScaleLab").arg(QString::fromStdString(loaded.topology->name)));
    return true;
}

} // namespace scalelab::gui
