// Umbrella header: everything csikit offers to C++ applications.
#pragma once

#include "error.hpp"
#include "version.hpp"
#include "schema.hpp"
#include "data.hpp"
#include "pls.hpp"
#include "bootstrap.hpp"
#include "report.hpp"
#include "simulate.hpp"
#include "index.hpp"
#include "importance.hpp"
#include "ipa.hpp"
#include "sampling.hpp"
#include "presets.hpp"
#include "scoring.hpp"
#include "html_report.hpp"
