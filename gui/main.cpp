#include "gui/app/AppMain.h"

int main(int argc, char** argv)
{
    return scalelab::gui::appMain(argc, argv);
}
