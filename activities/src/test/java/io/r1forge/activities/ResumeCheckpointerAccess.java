package io.r1forge.activities;

/** Test access to the package-private fault hook from other test packages. */
public final class ResumeCheckpointerAccess {
    private ResumeCheckpointerAccess() {}

    public static ResumeCheckpointer.StepFault none() {
        return ResumeCheckpointer.StepFault.NONE;
    }
}
