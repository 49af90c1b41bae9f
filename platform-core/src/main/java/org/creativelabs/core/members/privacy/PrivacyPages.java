package org.creativelabs.core.members.privacy;

import java.util.Arrays;
import java.util.List;
import org.creativelabs.core.web.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The portal's "my data" page: my profile and who sees it, the sensitive answers I consent to give (and withdraw),
 * everything the lab holds about me as a file, and erasing it, behind a warning.
 */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class PrivacyPages {

    /** A sensitive question and the answers it takes (none: free text). */
    record Question(String name, String field, List<String> answers) {}

    private final ProfileController profiles;

    PrivacyPages(ProfileController profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/my-data")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    String myData(Model model) {
        // Each read in its own transaction: "no profile yet" is a 404 problem that would spoil a shared one.
        ProfileView profile;
        try {
            profile = profiles.myProfile();
        } catch (Problems.Problem none) {
            profile = null;
        }
        model.addAttribute("profile", profile);
        model.addAttribute("sensitive", profiles.mySensitiveData());
        model.addAttribute(
                "questions",
                Arrays.stream(SensitiveField.values())
                        .map(f -> new Question(
                                f.name(),
                                f.value(),
                                f.allowed().stream()
                                        .filter(a -> !a.equals("not-stated"))
                                        .sorted()
                                        .toList()))
                        .toList());
        return "portal/my-data";
    }
}
