#ifndef HEARING_PLANNER_CGLPK_SHIM_H
#define HEARING_PLANNER_CGLPK_SHIM_H
#include <glpk.h>
#endif
