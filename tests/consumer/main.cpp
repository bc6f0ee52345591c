// Loads a schema through the installed csikit and prints what it found.
#include <csikit/csikit.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: consumer schema.json\n"; return 2; }
    try {
        const auto survey = csikit::load_survey(argv[1]);
        std::cout << survey.name << ": " << survey.items.size() << " items, csikit "
                  << csikit::version() << "\n";
        return survey.items.empty() ? 1 : 0;
    } catch (const csikit::error& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}
