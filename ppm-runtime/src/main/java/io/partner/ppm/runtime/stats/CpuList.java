package io.partner.ppm.runtime.stats;

/** The kernel's CPU list format ({@code 0-3,8,10-11}, cpuset(7)). */
final class CpuList {

    private CpuList() {
    }

    /** How many CPUs the list names; 0 for an empty or malformed list. */
    static int count(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int count = 0;
        for (String range : list.split(",")) {
            String[] bounds = range.trim().split("-");
            try {
                int first = Integer.parseInt(bounds[0]);
                int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
                if (bounds.length > 2 || last < first) {
                    return 0;
                }
                count += last - first + 1;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return count;
    }
}
