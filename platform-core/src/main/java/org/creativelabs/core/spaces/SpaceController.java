package org.creativelabs.core.spaces;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The lab's spaces. The lab is bound from the path by the tenancy filter; members see them, staff and lab admins
 * manage them.
 */
@RestController
@RequestMapping("/api/labs/{slug}/spaces")
@Tag(name = "spaces", description = "Rooms, desks, studios and equipment of a lab")
class SpaceController {

    private final SpaceRepository spaces;
    private final IdempotencyKeys idempotency;

    SpaceController(SpaceRepository spaces, IdempotencyKeys idempotency) {
        this.spaces = spaces;
        this.idempotency = idempotency;
    }

    @GetMapping
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    PageView<SpaceView> list(
            @RequestParam(required = false) SpaceKind kind,
            @SortableBy({"name", "kind", "capacity"})
                    @PageableDefault(size = 20, sort = "name", direction = Sort.Direction.ASC)
                    Pageable pageable) {
        var page = kind == null ? spaces.findAll(pageable) : spaces.findByKind(kind, pageable);
        return PageView.of(page, Space::view);
    }

    @GetMapping("/{id}")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    SpaceView get(@PathVariable UUID id) {
        return find(id).view();
    }

    @PostMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    ResponseEntity<SpaceView> create(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SpaceRequest request) {
        return idempotency.createOnce(idempotencyKey, request, SpaceView.class, () -> {
            Space space = spaces.saveAndFlush(new Space(request));
            var location = UriComponentsBuilder.fromPath("/api/labs/{slug}/spaces/{id}")
                    .build(slug, space.id());
            return ResponseEntity.created(location).body(space.view());
        });
    }

    @PutMapping("/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    SpaceView update(@PathVariable UUID id, @Valid @RequestBody SpaceRequest request) {
        Space space = find(id);
        if (request.version() == null || request.version() != space.version()) {
            throw new ObjectOptimisticLockingFailureException(Space.class, id);
        }
        space.apply(request);
        return spaces.saveAndFlush(space).view();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable UUID id) {
        spaces.delete(find(id));
    }

    private Space find(UUID id) {
        return spaces.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "space-not-found", id));
    }
}
